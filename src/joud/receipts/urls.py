from django.urls import path

from joud.receipts import views

app_name = "receipts"

urlpatterns = [
    path("verify/<str:token>/", views.verify, name="verify"),
    path("donation/<str:reference>/pdf/", views.donation_pdf, name="donation_pdf"),
    path("refund/<str:reference>/pdf/", views.refund_pdf, name="refund_pdf"),
    path("statement/<int:year>/", views.statement_pdf, name="statement"),
    path("waqf/<str:code>/", views.waqf_verify, name="waqf_verify"),
    path("waqf/<str:code>/pdf/", views.waqf_certificate, name="waqf_certificate"),
]

# The verify box is the site's entry point "web:verify": mounted in the web namespace by
# ``joud.urls`` (web cannot import receipts; both are top-layer siblings).
verify_box_patterns = [
    path("verify/", views.verify_box, name="verify"),
    path("verify/<str:code>/", views.verify_box, name="verify_code"),
]

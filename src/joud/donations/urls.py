from django.urls import path

from joud.donations import views, views_plans

app_name = "donations"

urlpatterns = [
    path("mine/", views.my_giving, name="mine"),
    path("plan/<str:token>/", views_plans.plan_manage, name="plan_manage"),
    path("zakat/calculator/", views.zakat_calculator, name="zakat_calculator"),
    path("thanks/<str:reference>/", views.thanks, name="thanks"),
    path("thanks/<str:reference>/status/", views.thanks_status, name="thanks_status"),
    path("thanks/<str:reference>/receipt/", views.thanks_receipt, name="thanks_receipt"),
    path("thanks/<str:reference>/check/", views.thanks_check, name="thanks_check"),
    path("retry/<str:reference>/", views.retry, name="retry"),
    path("case/<str:code>/", views.give_case, name="give_case"),
    path("org/<slug:slug>/", views.give_general, name="give_general"),
    path("org/<slug:slug>/zakat/", views.give_zakat, name="give_zakat"),
    path("<str:code>/", views.give_initiative, name="give_initiative"),
]

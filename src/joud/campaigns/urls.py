from django.urls import path, re_path

from joud.campaigns import views

app_name = "campaigns"

urlpatterns = [
    path("initiatives/", views.browse, name="browse"),
    path("initiatives/<str:code>/", views.detail, name="detail"),
    path("initiatives/<str:code>/report/photos/<int:pk>/", views.report_photo, name="report_photo"),
    path("initiatives/<str:code>/share/<str:target>/", views.share, name="share"),
    path("qr/<str:code>.png", views.qr_png, name="qr_png"),
    path("qr/<str:code>.svg", views.qr_svg, name="qr_svg"),
    path("media/<path:path>", views.media, name="media"),
    path("covers/<slug:category>-<int:variant>.jpg", views.cover_art, name="cover_art"),
    # An organization's public page lists its initiatives, so it is served here; "apply" is the
    # licence application's own page (joud.organizations), never an organization's slug.
    re_path(
        r"^organizations/(?!apply/)(?P<slug>[-a-zA-Z0-9_]+)/$",
        views.organization,
        name="organization",
    ),
    path("org/initiatives/new/", views.initiative_new, name="org_new"),
    path("org/initiatives/<str:code>/", views.org_initiative, name="org_initiative"),
    path("org/initiatives/<str:code>/edit/", views.initiative_edit, name="org_edit"),
    path("org/initiatives/<str:code>/cover/", views.initiative_cover, name="org_cover"),
    path("org/initiatives/<str:code>/submit/", views.initiative_submit, name="org_submit"),
    path("org/initiatives/<str:code>/end/", views.initiative_end, name="org_end"),
    path("org/initiatives/<str:code>/report/", views.initiative_report, name="org_report"),
    path("org/initiatives/<str:code>/updates/", views.initiative_post_update, name="org_update"),
    path("org/export.<str:fmt>", views.org_export, name="org_export"),
]

from django.urls import path

from joud.transparency import money_views, views, views_scorecard

app_name = "transparency"

# Stable addresses: /open-data/ documents everything; /open-data/<file> is the newest copy.
urlpatterns = [
    path("open-data/", views.index, name="index"),
    path("open-data/<str:filename>", views.download, name="file"),
    # Public money in and out (the initiative's page is finance:initiative_money, /ledger/…/).
    path(
        "ledger/initiative/<str:code>/money.csv",
        money_views.initiative_csv,
        name="initiative_money_csv",
    ),
    path(
        "ledger/initiative/<str:code>/money.json",
        money_views.initiative_json,
        name="initiative_money_json",
    ),
    path(
        "ledger/organization/<slug:slug>/",
        money_views.organization_money,
        name="organization_money",
    ),
    path(
        "ledger/organization/<slug:slug>/money.csv",
        money_views.organization_csv,
        name="organization_money_csv",
    ),
    path(
        "ledger/organization/<slug:slug>/money.json",
        money_views.organization_json,
        name="organization_money_json",
    ),
    # The ministry's ranking of organizations by performance score.
    path("ministry/scorecards/", views_scorecard.ranking_page, name="scorecards"),
    path("ministry/scorecards.csv", views_scorecard.ranking_csv, name="scorecards_csv"),
]

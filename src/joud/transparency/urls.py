from django.urls import path

from joud.transparency import views, views_scorecard

app_name = "transparency"

# Stable addresses: /open-data/ documents everything; /open-data/<file> is the newest copy.
urlpatterns = [
    path("open-data/", views.index, name="index"),
    path("open-data/<str:filename>", views.download, name="file"),
    # The ministry's ranking of organizations by performance score.
    path("ministry/scorecards/", views_scorecard.ranking_page, name="scorecards"),
    path("ministry/scorecards.csv", views_scorecard.ranking_csv, name="scorecards_csv"),
]

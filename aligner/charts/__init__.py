"""Charts as plain matplotlib Figures (no pyplot, no Qt): one function per chart, one style.

The same function draws the picture on screen and the one in the exported workbook:
ranking.ranking_chart, profile.profile_chart, cost.cost_score_chart,
disagreement.disagreement_chart, sensitivity.rank_probability_chart, weights.weights_chart;
png.figure_to_png renders any of them.
"""

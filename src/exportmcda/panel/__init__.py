"""Expert panels in Excel: the questionnaire workbook, reading it back, the group's weights.

Above ``export`` (its workbook cells pass :mod:`exportmcda.export.safe`), below ``cli``.
"""

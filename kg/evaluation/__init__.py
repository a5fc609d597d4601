"""Scoring extraction against hand-checked gold files (``kg eval``).

    score.py            match predictions to gold, count TP/FP/FN per type, print the tables
    error_analysis.py   every false positive and negative, with its sentence and a likely cause
"""

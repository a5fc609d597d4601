"""Quantitative facts: the amounts an article reports about its entities (组建党组织120个).

    numbers.py    Chinese and Arabic numerals, 万/亿 multiplied out, as exact decimals
    amounts.py    where the amounts are, their unit, approximation and measure; what is no fact
    dates.py      the time an amount holds for (截至2023年底, 今年, 目前)
    subjects.py   the entity an amount is about: the sentence's subject, a reference, the main actor
    component.py  the registered spaCy component ``kg_facts`` that ties them together

Every word these rules use is data: ``kg/resources/lexicons/fact_units.tsv`` and
``fact_markers.json``, read by ``lexicon.py``.
"""

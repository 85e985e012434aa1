"""Composing: what writers render, worded from templates/lang.

From the loaded sources and the amendments' history, the compose stage
makes each Edition (the agreement as signed, each amendment instrument, the
consolidated text) with every generated word in it: instrument formulas,
Justel notes, the concordance table, title-page lines. Writers only render.
"""

"""What presenters and offices take away: slides, the deck, the summary workbook, the brief.

`results` turns the scorecard of one plan, period and unit into report lines
(the figures every output shares); `presentation` arranges them as slides;
`deck`, `summary` and `brief` write .pptx, .xlsx and .docx files from them;
`figures` draws the slides for the page. Only `commands` and the page touch
the outside world; everything else is plain data in, plain data (or bytes) out.
"""

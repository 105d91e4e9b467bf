"""Text typed by users is shown as those characters, never as markup.

Streamlit renders the text of st.markdown, st.write, st.caption, st.error,
titles and widget labels as Markdown (with its own extensions: `:red[…]`
colours, `:material/…:` icons, `$…$` formulas). An indicator named
`![x](http://…/theo-doi.png)` would make every viewer's browser fetch a
picture from outside (the app is offline by design), `[Bấm vào đây](…)` would
become a live link, and `<script>` is at best shown as a tag. Page code that
puts a plan title, a file name or an account name into such an element goes
through `escape_markdown`. Tables (st.dataframe) show cell text as is.
"""
from __future__ import annotations

import re

# Characters that open markup anywhere in a line: emphasis, code, tables,
# strikethrough, HTML and autolinks (<…>), links and images ([…](…)), `$…$`
# formulas, entities. Parentheses, dots and dashes stay as they are: without a
# "[" or the start of a line they mean nothing, and plain text stays readable.
_INLINE = re.compile(r"([\\`*_~|$<>\[\]&])")
# Streamlit's directives (":red[…]", ":material/…:") start with ":" and a letter.
_DIRECTIVE = re.compile(r":(?=[A-Za-z])")
# GitHub's autolinks ("http://…", "www.…", "ai@x.vn") are found in the text
# after escapes are resolved (a real browser showed it), so a backslash does
# not stop them: an invisible WORD JOINER (U+2060) breaks the pattern instead.
_AUTOLINK = re.compile(r"(?i)(?<=[a-z])(?=://)|(?<=\bwww)(?=\.)|(?=@)")
WORD_JOINER = "\u2060"
# What starts a block at the start of a line: a heading ("# "), a list item
# ("- ", "+ ", "1. ", "1) "), a rule ("---"). (">" and "*" are escaped anyway.)
_LEADING = re.compile(r"^(\s*)(?:([#+](?=\s|$))|(-(?=\s|$|[-\s]*$))|(\d+)([.)])(?=\s|$))")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")


def escape_markdown(text: object) -> str:
    """`text` as Markdown that displays exactly its characters, on one line.

    Backslash-escapes what could become a link, an image, an HTML tag,
    emphasis, a formula or a Streamlit colour directive, and what would start
    a heading or a list; puts an invisible word joiner inside web and e-mail
    addresses so none becomes a link; folds line breaks into spaces so a name
    cannot open a new block. Ordinary text ("Kinh tế (1/3)", "PQ-2021: 36
    chỉ tiêu") is unchanged."""
    if text is None:
        return ""
    escaped = _INLINE.sub(r"\\\1", _LINE_BREAKS.sub(" ", str(text)))
    escaped = _AUTOLINK.sub(WORD_JOINER, _DIRECTIVE.sub(r"\\:", escaped))
    return _LEADING.sub(_escape_leading, escaped)


def _escape_leading(match: re.Match) -> str:
    space, sign, dash, number, after = match.groups()
    return space + ("\\" + (sign or dash) if sign or dash else number + "\\" + after)

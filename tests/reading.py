"""What a reader of an executed notebook reads, and the words in it of another language than the run's."""
import re

import nbformat

#: Latin words a Chinese reader of a notebook may meet: names of programs, formats and methods.
LATIN_NAMES = {"JupyterLab", "papermill", "nbconvert", "Open", "SDG", "GDP", "Theta", "ARIMA", "ETS", "Logit",
               "CSV", "IAMC"}


def shown(notebook) -> list[str]:
    """What a reader of an executed notebook reads: its Markdown cells, and each output as shown (HTML,
    else Markdown, else plain text; streams).  Of a table (a DataFrame's HTML) only its headings count,
    the column and row labels: its cells are data, such as the quotes and addresses of the sources.  Of a
    chart (SVG), its words: title, axes, legend and the label a screen reader reads."""
    nb = nbformat.read(str(notebook), as_version=4)
    texts = [c.source for c in nb.cells if c.cell_type == "markdown"]
    for output in (o for c in nb.cells for o in c.get("outputs", [])):
        data = output.get("data", {})
        text = data.get("text/html") or data.get("text/markdown") or data.get("text/plain") or output.get("text", "")
        if "image/svg+xml" in data:
            svg = data["image/svg+xml"]
            texts += re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S) + re.findall(r'aria-label="([^"]*)"', svg)
        elif 'class="dataframe"' in text:
            texts += re.findall(r"<th[^>]*>(.*?)</th>", text, flags=re.S)
        else:
            texts.append(text)
    return texts


def english_words(text: str) -> list[str]:
    """Words of three Latin letters or more in ``text`` outside code, tags and :data:`LATIN_NAMES`."""
    text = re.sub(r"`[^`]*`|<code>.*?</code>|<[^>]*>", " ", text, flags=re.S)
    return [w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in LATIN_NAMES]


def chinese_words(text: str) -> list[str]:
    """Runs of Chinese characters in ``text``."""
    return re.findall(r"[\u4e00-\u9fff]+", text)

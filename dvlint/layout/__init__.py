"""How a Word document looks: fonts, sizes, page setup and drawn rules, resolved as Word resolves them.

python-docx reads what is written on a run or a paragraph, not what Word shows:
a size set on the paragraph's style, a font named by the theme, bold toggled by a
character style over a bold paragraph style all come back as ``None``. This
package resolves them (dvlint.layout.resolve), reads the page setup, page
numbers and the rules drawn under header lines (dvlint.layout.page,
dvlint.layout.lines), and hands the DV8xx rules plain values
(dvlint.layout.model).
"""

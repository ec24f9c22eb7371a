"""Excel error cells, infinities, NaN text, implausible magnitudes and external-link values: each an issue at its
cell (the row is not stored), never a silent 'not available' or a stored 1e308."""

from __future__ import annotations

from analysis.ingest.worker import ParseJob, parse
from tests.fixtures.ingest.make_format_fixtures import xlsx_bytes

VALUES = [
    '<c r="D{r}" t="e"><v>#DIV/0!</v></c>',
    '<c r="D{r}" t="e"><f>VLOOKUP(A1,B:B,2,0)</f><v>#N/A</v></c>',
    '<c r="D{r}" t="e"><v>#REF!</v></c>',
    '<c r="D{r}" t="str"><v>#VALUE!</v></c>',
    '<c r="D{r}"><v>1e308</v></c>',
    '<c r="D{r}"><v>1e309</v></c>',
    '<c r="D{r}" t="str"><v>NaN</v></c>',
    '<c r="D{r}"><f>[1]Lapa1!A1</f><v>5</v></c>',
    '<c r="D{r}"><v>300</v></c>',
]


def _text(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _workbook() -> bytes:
    rows = ['<row r="1">' + "".join(_text(f"{c}1", h) for c, h in zip("ABCD", ("Pašvaldība", "Rādītājs", "Gads",
                                                                                "Vērtība"))) + "</row>"]
    for i, value in enumerate(VALUES):
        r = i + 2
        rows.append(f'<row r="{r}">{_text(f"A{r}", "Cēsu novads")}{_text(f"B{r}", "Dzimušo skaits")}'
                    f'<c r="C{r}"><v>{2015 + i}</v></c>{value.format(r=r)}</row>')
    return xlsx_bytes([("Dati", "<sheetData>" + "".join(rows) + "</sheetData>")])


def test_bad_cells_are_issues_with_their_cell():
    """Given births as errors, 1e308, 1e309, NaN, an external link and one good value, When parsed, Then each bad
    cell is an issue at D<row>, the external value is kept with a warning, and only the two values are stored."""
    parsed = parse(ParseJob(file_name="kļūdas.xlsx", data=_workbook()))
    assert parsed.error is None, parsed.line
    result = parsed.result
    assert [(i.code, i.severity, i.row, i.column, i.message_en) for i in result.report.issues] == [
        ("excel-error", "error", 2, "D",
         "The cell holds the Excel error #DIV/0!, not a value: fix the formula or type the value"),
        ("excel-error", "error", 3, "D",
         "The cell holds the Excel error #N/A, not a value: fix the formula or type the value"),
        ("excel-error", "error", 4, "D",
         "The cell holds the Excel error #REF!, not a value: fix the formula or type the value"),
        ("excel-error", "error", 5, "D",
         "The cell holds the Excel error #VALUE!, not a value: fix the formula or type the value"),
        ("value-out-of-range", "error", 6, "D",
         "The value 1e+308 is not plausible: a count cannot exceed 10 000 000"),
        ("value-not-finite", "error", 7, "D", "'inf' is not a finite number (infinity or NaN)"),
        ("value-not-finite", "error", 8, "D", "'NaN' is not a finite number (infinity or NaN)"),
        ("external-link-value", "warning", 9, "D",
         "1 cells of sheet “Dati” take their value from another file (first: D9); the saved value was read, and "
         "it may be out of date"),
    ]
    assert result.rows[["year", "value"]].values.tolist() == [[2022, 5.0], [2023, 300.0]]

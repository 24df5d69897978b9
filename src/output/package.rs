//! The workbook's file format written directly: an OOXML package (a zip of
//! XML parts) whose sheets stream row by row into their deflated part.
//!
//! rust_xlsxwriter wrote the same parts, but kept every cell as an
//! allocated object in a map, formatted it through `write!` into a
//! temporary file and copied that file into the zip afterwards: on a large
//! timeline about two thirds of the workbook's time, and the workbook was
//! most of what publishing cost. Here a cell is a few appends to a buffer.
//! The fixed parts (styles, theme, properties) are the ones that crate
//! wrote, so Excel and LibreOffice read the file as before.

use super::shared_strings::SharedStrings;
use std::io::Write;
use zip::write::{SimpleFileOptions, StreamWriter, ZipWriter};

/// The cell styles of `styles.xml`, by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Header = 1,
    Text = 2,
    Wrap = 3,
    Number = 4,
    Day = 5,
    Month = 6,
    Year = 7,
}

const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
/// The sheets' `defaultRowHeight`, in points.
const DEFAULT_ROW_HEIGHT: f64 = 15.0;
const THEME: &str = include_str!("theme1.xml");

const STYLES: &str = concat!(
    r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    r#"<numFmts count="4"><numFmt numFmtId="164" formatCode="@"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/>"#,
    r#"<numFmt numFmtId="166" formatCode="yyyy-mm"/><numFmt numFmtId="167" formatCode="yyyy"/></numFmts>"#,
    r#"<fonts count="2"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>"#,
    r#"<font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>"#,
    r#"<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#,
    r#"<fill><patternFill patternType="solid"><fgColor rgb="FFDDE4EE"/><bgColor indexed="64"/></patternFill></fill></fills>"#,
    r#"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#,
    r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
    r#"<cellXfs count="8"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>"#,
    r#"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>"#,
    r#"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#,
    r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top"/></xf>"#,
    r#"<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>"#,
    r#"<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>"#,
    r#"<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf></cellXfs>"#,
    r#"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/>"#,
    r#"<tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/></styleSheet>"#,
);

/// A sheet as the package lists it: its name, column names and widths
/// (in characters), and the number of its last row (the header is row 1).
pub struct SheetSpec<'a> {
    pub name: &'a str,
    pub columns: &'a [&'a str],
    pub widths: Vec<f64>,
    pub last_row: u32,
}

/// The package being written. Parts go in as they are made: the sheets
/// first, each streamed, then the parts that list them.
pub struct Package<W: Write> {
    zip: ZipWriter<StreamWriter<W>>,
    options: SimpleFileOptions,
    sheets: Vec<(String, usize, u32)>,
    strings: SharedStrings,
}

pub type ZipResult<T> = Result<T, zip::result::ZipError>;

impl<W: Write> Package<W> {
    /// `level` is the deflate level of every part.
    pub fn new(out: W, level: i64) -> Package<W> {
        let options = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(level))
            .unix_permissions(0o600)
            .last_modified_time(zip::DateTime::default());
        Package {
            zip: ZipWriter::new_stream(out),
            options,
            sheets: Vec::new(),
            strings: SharedStrings::default(),
        }
    }

    fn part(&mut self, name: &str, body: &[&str]) -> ZipResult<()> {
        self.zip.start_file(name, self.options)?;
        for piece in body {
            self.zip.write_all(piece.as_bytes())?;
        }
        Ok(())
    }

    /// Starts the next sheet: writes everything before its rows.
    pub fn sheet(&mut self, spec: &SheetSpec) -> ZipResult<Sheet<'_, W>> {
        let n = self.sheets.len() + 1;
        self.sheets
            .push((spec.name.to_string(), spec.columns.len(), spec.last_row));
        self.zip
            .start_file(format!("xl/worksheets/sheet{n}.xml"), self.options)?;
        let letters: Vec<String> = (0..spec.columns.len()).map(column_name).collect();
        let range = format!("A1:{}{}", letters[letters.len() - 1], spec.last_row);
        let mut head = String::with_capacity(4096);
        head.push_str(DECLARATION);
        head.push_str(&format!(
            "<worksheet xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\"><dimension ref=\"{range}\"/>"
        ));
        let selected = if n == 1 { " tabSelected=\"1\"" } else { "" };
        head.push_str(&format!(
            "<sheetViews><sheetView{selected} workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
        ));
        head.push_str(&cols(&spec.widths));
        head.push_str("<sheetData>");
        self.zip.write_all(head.as_bytes())?;
        Ok(Sheet {
            zip: &mut self.zip,
            strings: &mut self.strings,
            buf: Vec::with_capacity(1 << 17),
            letters,
            row: 0,
            next_col: 0,
            recent: vec![None; spec.columns.len()],
            tail: format!(
                "</sheetData><autoFilter ref=\"{range}\"/><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/><pageSetup scale=\"50\" orientation=\"landscape\" horizontalDpi=\"200\" verticalDpi=\"200\"/></worksheet>"
            ),
        })
    }

    /// Writes the parts that list the sheets and closes the zip.
    pub fn finish(mut self, title: &str) -> ZipResult<()> {
        self.zip.start_file("xl/sharedStrings.xml", self.options)?;
        self.zip.write_all(DECLARATION.as_bytes())?;
        self.zip.write_all(&self.strings.part(MAIN_NS))?;
        self.part("[Content_Types].xml", &[DECLARATION, &self.content_types()])?;
        self.part("_rels/.rels", &[DECLARATION, &root_rels()])?;
        self.part("docProps/app.xml", &[DECLARATION, &self.app()])?;
        self.part("docProps/core.xml", &[DECLARATION, &core(title)])?;
        self.part(
            "xl/_rels/workbook.xml.rels",
            &[DECLARATION, &self.workbook_rels()],
        )?;
        self.part("xl/theme/theme1.xml", &[THEME])?;
        self.part("xl/styles.xml", &[DECLARATION, STYLES])?;
        self.part("xl/workbook.xml", &[DECLARATION, &self.workbook()])?;
        self.zip.finish()?;
        Ok(())
    }

    fn content_types(&self) -> String {
        let mut s = String::from(
            r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
        );
        for n in 1..=self.sheets.len() {
            s.push_str(&format!(
                r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            ));
        }
        s.push_str(r#"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#);
        s
    }

    fn workbook_rels(&self) -> String {
        let mut s = format!("<Relationships xmlns=\"{PKG_REL_NS}\">");
        let n = self.sheets.len();
        for i in 1..=n {
            s.push_str(&format!(
                r#"<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>"#
            ));
        }
        s.push_str(&format!(
            r#"<Relationship Id="rId{}" Type="{REL_NS}/theme" Target="theme/theme1.xml"/><Relationship Id="rId{}" Type="{REL_NS}/styles" Target="styles.xml"/><Relationship Id="rId{}" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
            n + 1,
            n + 2,
            n + 3
        ));
        s
    }

    /// Sheet indices sorted by sheet name, the order Excel lists names in.
    fn by_name(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.sheets.len()).collect();
        order.sort_by(|&a, &b| self.sheets[a].0.cmp(&self.sheets[b].0));
        order
    }

    fn workbook(&self) -> String {
        let mut s = format!(
            r#"<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><fileVersion appName="xl" lastEdited="4" lowestEdited="4" rupBuild="4505"/><workbookPr defaultThemeVersion="124226"/><bookViews><workbookView xWindow="240" yWindow="15" windowWidth="16095" windowHeight="9660"/></bookViews><sheets>"#
        );
        for (i, (name, _, _)) in self.sheets.iter().enumerate() {
            s.push_str(&format!(
                r#"<sheet name="{name}" sheetId="{}" r:id="rId{}"/>"#,
                i + 1,
                i + 1
            ));
        }
        s.push_str("</sheets><definedNames>");
        for &i in &self.by_name() {
            let (name, columns, last) = &self.sheets[i];
            let last_col = column_name(columns - 1);
            s.push_str(&format!(
                r#"<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">{name}!$A$1:${last_col}${last}</definedName>"#
            ));
        }
        for &i in &self.by_name() {
            let name = &self.sheets[i].0;
            s.push_str(&format!(
                r#"<definedName name="_xlnm.Print_Titles" localSheetId="{i}">{name}!$1:$1</definedName>"#
            ));
        }
        s.push_str(r#"</definedNames><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>"#);
        s
    }

    fn app(&self) -> String {
        let n = self.sheets.len();
        let mut parts = String::new();
        for (name, _, _) in &self.sheets {
            parts.push_str(&format!("<vt:lpstr>{name}</vt:lpstr>"));
        }
        for &i in &self.by_name() {
            parts.push_str(&format!(
                "<vt:lpstr>{}!Print_Titles</vt:lpstr>",
                self.sheets[i].0
            ));
        }
        format!(
            r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="4" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>{n}</vt:i4></vt:variant><vt:variant><vt:lpstr>Named Ranges</vt:lpstr></vt:variant><vt:variant><vt:i4>{n}</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="{}" baseType="lpstr">{parts}</vt:vector></TitlesOfParts><Company></Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>12.0000</AppVersion></Properties>"#,
            2 * n
        )
    }
}

fn root_rels() -> String {
    format!(
        r#"<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="{REL_NS}/extended-properties" Target="docProps/app.xml"/></Relationships>"#
    )
}

/// Document properties with a fixed creation time: two runs on the same
/// input give the same bytes.
fn core(title: &str) -> String {
    format!(
        r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title><dc:creator></dc:creator><cp:lastModifiedBy></cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>"#
    )
}

/// Column widths as Excel stores them: characters plus padding, in 256ths.
fn cols(widths: &[f64]) -> String {
    let stored = |w: f64| ((w * 7.0 + 5.0) / 7.0 * 256.0).trunc() / 256.0;
    let mut s = String::from("<cols>");
    let mut i = 0;
    while i < widths.len() {
        let mut j = i;
        while j + 1 < widths.len() && widths[j + 1] == widths[i] {
            j += 1;
        }
        s.push_str(&format!(
            r#"<col min="{}" max="{}" width="{}" customWidth="1"/>"#,
            i + 1,
            j + 1,
            stored(widths[i])
        ));
        i = j + 1;
    }
    s.push_str("</cols>");
    s
}

/// `A`, `B`, …, `Z`, `AA`, … for a 0-based column.
fn column_name(col: usize) -> String {
    let mut n = col + 1;
    let mut name = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        name.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// One sheet being written; [`Sheet::finish`] closes it.
pub struct Sheet<'z, W: Write> {
    zip: &'z mut ZipWriter<StreamWriter<W>>,
    strings: &'z mut SharedStrings,
    buf: Vec<u8>,
    letters: Vec<String>,
    row: u32,
    /// The column a cell without a reference would fall in: the one after
    /// the row's last cell.
    next_col: usize,
    /// Per column, the address and length of the last text that named an
    /// entry, and its index: a column repeats the same borrowed text row
    /// after row (an event's kind in each of its mentions), and comparing
    /// an address is cheaper than hashing and comparing the text.
    recent: Vec<Option<(usize, usize, u32)>>,
    tail: String,
}

impl<W: Write> Sheet<'_, W> {
    /// Starts row `row` (1-based), `height` in points if given. Rows must
    /// come in order; the previous one is closed.
    pub fn row(&mut self, row: u32, height: Option<f64>) -> ZipResult<()> {
        if self.row > 0 {
            self.buf.extend_from_slice(b"</row>");
        }
        self.row = row;
        self.next_col = 0;
        self.buf.extend_from_slice(b"<row r=\"");
        push_u64(&mut self.buf, u64::from(row));
        // The default height is the sheet's: a row of it says nothing more.
        if let Some(h) = height.filter(|&h| h != DEFAULT_ROW_HEIGHT) {
            self.buf.extend_from_slice(b"\" ht=\"");
            self.buf.extend_from_slice(h.to_string().as_bytes());
            self.buf.extend_from_slice(b"\" customHeight=\"1");
        }
        self.buf.extend_from_slice(b"\">");
        if self.buf.len() >= 1 << 16 {
            self.zip.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Opens a cell up to its style's closing quote. The reference (`r`)
    /// is optional in OOXML: a cell without one is the one after the
    /// previous cell of its row, so only a cell after a gap (an empty
    /// cell) says where it is. A tenth of the sheets' bytes were these.
    fn cell_start(&mut self, col: usize, style: Style) {
        if col == self.next_col {
            self.buf.extend_from_slice(b"<c s=\"");
        } else {
            self.buf.extend_from_slice(b"<c r=\"");
            self.buf.extend_from_slice(self.letters[col].as_bytes());
            push_u64(&mut self.buf, u64::from(self.row));
            self.buf.extend_from_slice(b"\" s=\"");
        }
        self.next_col = col + 1;
        push_u64(&mut self.buf, style as u64);
    }

    /// A number cell in the current row.
    pub fn number(&mut self, col: usize, n: f64, style: Style) {
        self.cell_start(col, style);
        self.buf.extend_from_slice(b"\"><v>");
        if n.fract() == 0.0 && n.abs() < 1e15 {
            if n < 0.0 {
                self.buf.push(b'-');
            }
            push_u64(&mut self.buf, n.abs() as u64);
        } else {
            self.buf.extend_from_slice(n.to_string().as_bytes());
        }
        self.buf.extend_from_slice(b"</v></c>");
    }

    /// A text cell (inline string) in the current row; `s` must fit a cell.
    pub fn text(&mut self, col: usize, s: &str, style: Style) {
        self.cell_start(col, style);
        self.buf.extend_from_slice(if preserve(s) {
            b"\" t=\"inlineStr\"><is><t xml:space=\"preserve\">".as_slice()
        } else {
            b"\" t=\"inlineStr\"><is><t>".as_slice()
        });
        escape(&mut self.buf, s);
        self.buf.extend_from_slice(b"</t></is></c>");
    }

    /// A text cell that names an entry of the shared string table, for
    /// columns that repeat a few values; inline when the table does not
    /// take it. Reads as [`Sheet::text`] does. `stable` says that `s` is
    /// borrowed for the whole sheet and never changes, so its address
    /// stands for its text.
    pub fn shared_text(&mut self, col: usize, s: &str, style: Style, stable: bool) {
        let at = (s.as_ptr() as usize, s.len());
        let i = match self.recent[col] {
            Some((p, n, i)) if stable && (p, n) == at => self.strings.reuse(i),
            _ => {
                let Some(i) = self.strings.index(s) else {
                    return self.text(col, s, style);
                };
                self.recent[col] = stable.then_some((at.0, at.1, i));
                i
            }
        };
        self.cell_start(col, style);
        self.buf.extend_from_slice(b"\" t=\"s\"><v>");
        push_u64(&mut self.buf, u64::from(i));
        self.buf.extend_from_slice(b"</v></c>");
    }

    /// Closes the last row and the sheet.
    pub fn finish(mut self) -> ZipResult<()> {
        if self.row > 0 {
            self.buf.extend_from_slice(b"</row>");
        }
        self.buf.extend_from_slice(self.tail.as_bytes());
        self.zip.write_all(&self.buf)?;
        Ok(())
    }
}

fn push_u64(buf: &mut Vec<u8>, n: u64) {
    buf.extend_from_slice(crate::util::decimal(n, &mut [0; 20]));
}

/// Whether `s` needs `xml:space="preserve"` to keep its edge whitespace.
/// (Bytes, not chars: all three are ASCII, and a char pattern showed in
/// profiles.)
pub(super) fn preserve(s: &str) -> bool {
    let edge = |b: Option<&u8>| matches!(b, Some(b'\t' | b'\n' | b' '));
    edge(s.as_bytes().first()) || edge(s.as_bytes().last())
}

/// Appends `s` as XML character data the way Excel writes a cell's text:
/// `&`, `<` and `>` as entities, control characters (but tab and newline)
/// and the non-characters U+FFFE and U+FFFF as `_xHHHH_`, and a literal
/// `_xHHHH_` in the text with its underscore escaped, so it reads back as
/// written.
pub(super) fn escape(buf: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Most text needs nothing: skip to the next byte that might.
        while i < bytes.len() && !SPECIAL[usize::from(bytes[i])] {
            i += 1;
        }
        let Some(&b) = bytes.get(i) else { break };
        let (with, len): (&[u8], usize) = match b {
            b'&' => (b"&amp;", 1),
            b'<' => (b"&lt;", 1),
            b'>' => (b"&gt;", 1),
            b'_' if is_escape_like(&bytes[i..]) => (b"_x005F_", 1),
            0xEF if bytes[i..].starts_with("\u{FFFE}".as_bytes()) => (b"_xFFFE_", 3),
            0xEF if bytes[i..].starts_with("\u{FFFF}".as_bytes()) => (b"_xFFFF_", 3),
            b'\t' | b'\n' => {
                i += 1;
                continue;
            }
            0..=0x1f => (&[], 1),
            _ => {
                i += 1;
                continue;
            }
        };
        buf.extend_from_slice(&bytes[start..i]);
        if with.is_empty() {
            buf.extend_from_slice(&[b'_', b'x', b'0', b'0', hex(b >> 4), hex(b & 0xf), b'_']);
        } else {
            buf.extend_from_slice(with);
        }
        i += len;
        start = i;
    }
    buf.extend_from_slice(&bytes[start..]);
}

/// Bytes [`escape`] looks at: what XML or Excel escapes, `_` (which may
/// begin `_xHHHH_`) and the lead byte of U+FFFE and U+FFFF.
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b != b'\t' as usize && b != b'\n' as usize;
        b += 1;
    }
    t[b'&' as usize] = true;
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'_' as usize] = true;
    t[0xEF] = true;
    t
};

/// Whether `s` starts with `_xHHHH_` (four hex digits).
fn is_escape_like(s: &[u8]) -> bool {
    s.len() >= 7 && s[1] == b'x' && s[2..6].iter().all(u8::is_ascii_hexdigit) && s[6] == b'_'
}

fn hex(n: u8) -> u8 {
    b"0123456789ABCDEF"[usize::from(n)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(s: &str) -> String {
        let mut buf = Vec::new();
        escape(&mut buf, s);
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn text_is_escaped_as_excel_reads_it() {
        assert_eq!(escaped("plain"), "plain");
        assert_eq!(escaped("a<b & c>d"), "a&lt;b &amp; c&gt;d");
        assert_eq!(escaped("tab\tnew\nline"), "tab\tnew\nline");
        assert_eq!(escaped("bell\u{7}\r"), "bell_x0007__x000D_");
        assert_eq!(escaped("_x00AB_ and _xZZ_"), "_x005F_x00AB_ and _xZZ_");
        assert_eq!(escaped("x\u{FFFE}é\u{FFFF}"), "x_xFFFE_é_xFFFF_");
    }

    /// A repeated borrowed text takes its entry by address; text at a
    /// reused address but of other content (not stable) is looked up.
    #[test]
    fn repeated_shared_texts_count_every_use() {
        let mut out = Vec::new();
        let mut wb = Package::new(&mut out, 1);
        let spec = SheetSpec {
            name: "s",
            columns: &["a"],
            widths: vec![8.0],
            last_row: 4,
        };
        let mut ws = wb.sheet(&spec).unwrap();
        let kind = String::from("strike");
        for (row, s, stable) in [(2, kind.as_str(), true), (3, kind.as_str(), true)] {
            ws.row(row, None).unwrap();
            ws.shared_text(0, s, Style::Text, stable);
        }
        let mut other = String::from("strike");
        other.replace_range(.., "talks!");
        ws.row(4, None).unwrap();
        ws.shared_text(0, &other, Style::Text, false);
        ws.finish().unwrap();
        let part = String::from_utf8(wb.strings.part("ns")).unwrap();
        assert_eq!(
            part,
            "<sst xmlns=\"ns\" count=\"3\" uniqueCount=\"2\"><si><t>strike</t></si><si><t>talks!</t></si></sst>"
        );
    }

    #[test]
    fn columns_are_named_as_excel_names_them() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }
}

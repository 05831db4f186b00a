/// Builds the items of one form page from the top down; `top` is the distance from the top edge already used.
struct PageBuilder {
    typealias L = FormLayouter
    let layouter: FormLayouter
    let texts: FieldTexts
    let valueSize: Double
    var top = FormLayouter.margin.top
    /// Label fills, drawn first so that no fill covers a neighbour's rule.
    var background: [PageItem] = []
    /// Cell frames, drawn together after the fills (one path for the writer).
    var rules: [PageItem] = []
    var foreground: [PageItem] = []

    init(layouter: FormLayouter, texts: FieldTexts, valueSize: Double) {
        self.layouter = layouter
        self.texts = texts
        self.valueSize = valueSize
    }

    var left: Double { L.margin.left }
    var contentWidth: Double { Page.a4.width - L.margin.left - L.margin.right }
    func pdfY(_ top: Double) -> Double { Page.a4.height - top }

    /// A cell to be measured: its text, width and role.
    struct Cell {
        var clusters: [ShapedCluster]
        var width: Double
        var isLabel: Bool
    }

    /// A cell broken into lines.
    struct MeasuredCell {
        var cell: Cell
        var lines: [[ShapedCluster]]
        var size: Double
        var height: Double { Double(lines.count) * size * TextSetter.leading + 2 * L.padding.vertical }
    }

    func label(_ text: String, _ width: Double = L.labelWidth) -> Cell {
        Cell(clusters: (try? layouter.shape(text, field: text)) ?? [], width: width, isLabel: true)
    }

    func value(_ clusters: [ShapedCluster], _ width: Double) -> Cell {
        Cell(clusters: clusters, width: width, isLabel: false)
    }

    func measure(_ cells: [Cell]) -> [MeasuredCell] {
        cells.map { cell in
            let size = cell.isLabel ? min(L.labelSize, valueSize) : valueSize
            let available = (cell.width - 2 * L.padding.horizontal) / size
            return MeasuredCell(cell: cell, lines: LineBreaker.lines(cell.clusters, width: available), size: size)
        }
    }

    static func rowHeight(_ cells: [MeasuredCell]) -> Double {
        max(valueRowMinimum, cells.map(\.height).max() ?? 0)
    }

    static let valueRowMinimum = 21.0

    /// Draws measured cells side by side from `x` at `top`, all `height` tall.
    mutating func draw(_ cells: [MeasuredCell], x: Double, top: Double, height: Double) {
        var x = x
        for cell in cells {
            box(Rect(x: x, y: pdfY(top + height), width: cell.cell.width, height: height), filled: cell.cell.isLabel)
            text(cell, x: x, top: top, height: height)
            x += cell.cell.width
        }
    }

    /// A cell's lines, centred vertically; labels centred horizontally too.
    mutating func text(_ cell: MeasuredCell, x: Double, top: Double, height: Double) {
        let lineHeight = cell.size * TextSetter.leading
        var lineTop = top + (height - Double(cell.lines.count) * lineHeight) / 2
        for line in cell.lines {
            let width = layouter.setter.width(line) * cell.size
            let lineX = cell.cell.isLabel ? x + (cell.cell.width - width) / 2 : x + L.padding.horizontal
            let baseline = lineTop + (lineHeight - cell.size) / 2 + 0.88 * cell.size
            for run in layouter.setter.runs(line, size: cell.size, origin: Point(x: lineX, y: pdfY(baseline))) {
                foreground.append(.text(run))
            }
            lineTop += lineHeight
        }
    }

    mutating func box(_ rect: Rect, filled: Bool) {
        if filled { background.append(.box(rect, stroke: nil, fillGray: L.labelGray)) }
        rules.append(.box(rect, stroke: L.ruleWidth, fillGray: nil))
    }

    /// One line of text at a baseline; returns its width.
    @discardableResult
    mutating func line(_ clusters: [ShapedCluster], x: Double, baseline: Double, size: Double, emphasised: Bool = false) -> Double {
        for run in layouter.setter.runs(clusters, size: size, origin: Point(x: x, y: pdfY(baseline)), emphasised: emphasised) {
            foreground.append(.text(run))
        }
        return layouter.setter.width(clusters) * size
    }

    /// A row of cells at the cursor.
    mutating func row(_ cells: [Cell]) {
        let measured = measure(cells)
        let height = PageBuilder.rowHeight(measured)
        draw(measured, x: left, top: top, height: height)
        top += height
    }

    mutating func build(form: RegistrationForm, photo: JPEGImage?, qr: QRCode, barcode: Code128) {
        header(barcode: barcode)
        photoBlock(photo: photo)
        educationBlock()
        let half = (contentWidth - 2 * L.labelWidth) / 2
        let wide = contentWidth - L.labelWidth
        row([label("学位"), value(texts.degrees, half), label("专业工作年限"), value(texts.workYears, half)])
        row([label("报考考试"), value(texts.exam, half), label("报考级别"), value(texts.level, half)])
        row([label("报考专业"), value(texts.specialty, wide)])
        row([label("报考科目"), value(texts.subjects, wide)])
        row([label("免考科目"), value(texts.exempted, wide)])
        row([label("报考省份"), value(texts.province, half), label("报考城市"), value(texts.city, half)])
        row([label("审核点"), value(texts.auditPoint, wide)])
        row([label("审核方式"), value(texts.route, wide)])
        row([label("报名费"), value(texts.fee, wide)])
        commitmentBlock()
        footer(qr: qr)
    }
}

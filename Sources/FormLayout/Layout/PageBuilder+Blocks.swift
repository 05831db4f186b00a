/// The blocks of the page that are more than a row of cells.
extension PageBuilder {
    /// The centred title, then the application number with its barcode.
    mutating func header(barcode: Code128) {
        let titleSize = min(18, (contentWidth / max(layouter.setter.width(texts.title), 1)))
        let titleWidth = layouter.setter.width(texts.title) * titleSize
        line(texts.title, x: left + (contentWidth - titleWidth) / 2, baseline: top + titleSize * 0.95, size: titleSize, emphasised: true)
        top += titleSize * 1.4 + 6

        let numberSize = 10.0
        let labelWidth = line(shaped(FormLayouter.Labels.number), x: left, baseline: top + numberSize, size: numberSize)
        line(texts.number, x: left + labelWidth, baseline: top + numberSize, size: numberSize)
        let barTop = top + numberSize + 5
        let moduleWidth = min(0.9, 260 / Double(barcode.modules))
        let barHeight = 22.0
        foreground.append(.bitmap(Rect(x: left, y: pdfY(barTop + barHeight), width: moduleWidth * Double(barcode.modules), height: barHeight), barcode.bitmap))
        top = barTop + barHeight + 8
    }

    /// Identity rows on the left, the photo (or the 贴照片处 frame) spanning them on the right.
    mutating func photoBlock(photo: JPEGImage?) {
        let leftWidth = contentWidth - L.photoColumnWidth
        let value = (leftWidth - 2 * L.labelWidth) / 2
        let rows: [[Cell]] = [
            [label("姓名"), self.value(texts.name, value), label("性别"), self.value(texts.gender, value)],
            [label("出生日期"), self.value(texts.birthDate, value), label("民族"), self.value(texts.ethnicGroup, value)],
            [label("证件类型"), self.value(texts.idType, value), label("证件号码"), self.value(texts.idNumber, value)],
            [label("手机号码"), self.value(texts.phone, value), label("电子邮箱"), self.value(texts.email, value)],
            [label("工作单位"), self.value(texts.workUnit, leftWidth - L.labelWidth)],
        ]
        let measured = rows.map(measure)
        var heights = measured.map(PageBuilder.rowHeight)
        let total = heights.reduce(0, +)
        if total < L.photoBlockMinimumHeight {
            let extra = (L.photoBlockMinimumHeight - total) / Double(heights.count)
            heights = heights.map { $0 + extra }
        }
        let blockTop = top
        for (cells, height) in zip(measured, heights) {
            draw(cells, x: left, top: top, height: height)
            top += height
        }
        let cell = Rect(x: left + leftWidth, y: pdfY(top), width: L.photoColumnWidth, height: top - blockTop)
        box(cell, filled: false)
        // A 2.5 × 3.5 cm frame centred in the cell; the photo keeps its aspect ratio inside it.
        let frameWidth = min(cell.width - 14, (cell.height - 14) * 5 / 7)
        let frameHeight = frameWidth * 7 / 5
        let frame = Rect(x: cell.x + (cell.width - frameWidth) / 2, y: cell.y + (cell.height - frameHeight) / 2, width: frameWidth, height: frameHeight)
        if let photo {
            let scale = min(frame.width / Double(photo.width), frame.height / Double(photo.height))
            let width = Double(photo.width) * scale, height = Double(photo.height) * scale
            foreground.append(.image(Rect(x: frame.x + (frame.width - width) / 2, y: frame.y + (frame.height - height) / 2, width: width, height: height), photo))
        } else {
            foreground.append(.box(frame, stroke: 0.5, fillGray: nil))
            let caption = shaped(FormLayouter.Labels.photo)
            let size = 10.0
            let width = layouter.setter.width(caption) * size
            line(caption, x: frame.x + (frame.width - width) / 2, baseline: pdfY(frame.y + frame.height / 2) + size * 0.35, size: size)
        }
    }

    /// 学历信息: a label spanning a small table of level, school, major and graduation date.
    mutating func educationBlock() {
        let inner = contentWidth - L.labelWidth
        let widths = [62.0, 160.0, 140.0, inner - 362.0]
        let headers = FormLayouter.Labels.education.dropFirst().enumerated().map { label($1, widths[$0]) }
        var rows: [[Cell]] = [Array(headers)]
        let records = texts.education.isEmpty ? [[shaped(FormLayouter.Labels.none), [], [], []]] : texts.education
        for record in records {
            rows.append(record.enumerated().map { value($1, widths[$0]) })
        }
        let blockTop = top
        for cells in rows {
            let measured = measure(cells)
            let height = PageBuilder.rowHeight(measured)
            draw(measured, x: left + L.labelWidth, top: top, height: height)
            top += height
        }
        let spanning = measure([label(FormLayouter.Labels.education[0])])[0]
        box(Rect(x: left, y: pdfY(top), width: L.labelWidth, height: top - blockTop), filled: true)
        text(spanning, x: left, top: blockTop, height: top - blockTop)
    }

    /// 报考承诺书: heading, the paragraph (first line indented two characters), signature and date lines.
    mutating func commitmentBlock() {
        let blockTop = top
        let pad = 10.0
        top += pad
        let headingSize = 12.0
        let heading = shaped(FormLayouter.Labels.commitment)
        let headingWidth = layouter.setter.width(heading) * headingSize
        line(heading, x: left + (contentWidth - headingWidth) / 2, baseline: top + headingSize * 0.9, size: headingSize, emphasised: true)
        top += headingSize * 1.6

        let size = min(9.5, valueSize)
        let lineHeight = size * 1.6
        let lines = LineBreaker.lines(texts.commitment, width: (contentWidth - 2 * pad) / size, firstLineIndent: 2)
        for (index, clusters) in lines.enumerated() {
            let indent = index == 0 ? 2 * size : 0
            line(clusters, x: left + pad + indent, baseline: top + lineHeight * 0.75, size: size)
            top += lineHeight
        }
        top += 14
        let signSize = 10.0
        let baseline = top + signSize
        let dateLineWidth = 100.0, signLineWidth = 110.0
        let dateLabel = shaped(FormLayouter.Labels.date), signLabel = shaped(FormLayouter.Labels.signature)
        let dateX = left + contentWidth - pad - dateLineWidth - layouter.setter.width(dateLabel) * signSize
        let signX = dateX - 24 - signLineWidth - layouter.setter.width(signLabel) * signSize
        let signEnd = signX + line(signLabel, x: signX, baseline: baseline, size: signSize)
        foreground.append(.line(from: Point(x: signEnd, y: pdfY(baseline + 2)), to: Point(x: signEnd + signLineWidth, y: pdfY(baseline + 2)), width: 0.6))
        let dateEnd = dateX + line(dateLabel, x: dateX, baseline: baseline, size: signSize)
        foreground.append(.line(from: Point(x: dateEnd, y: pdfY(baseline + 2)), to: Point(x: dateEnd + dateLineWidth, y: pdfY(baseline + 2)), width: 0.6))
        top = baseline + 10
        rules.append(.box(Rect(x: left, y: pdfY(top), width: contentWidth, height: top - blockTop), stroke: L.ruleWidth, fillGray: nil))
    }

    /// The print date and a note on the left, the QR code with its caption on the right.
    mutating func footer(qr: QRCode) {
        top += 8
        let side = 78.0
        let qrX = left + contentWidth - side
        foreground.append(.bitmap(Rect(x: qrX, y: pdfY(top + side), width: side, height: side), qr.bitmap))
        let caption = shaped(FormLayouter.Labels.qrCaption)
        let captionSize = 8.0
        let captionWidth = layouter.setter.width(caption) * captionSize
        line(caption, x: qrX + (side - captionWidth) / 2, baseline: top + side + 10, size: captionSize)

        let size = 9.0
        let labelWidth = line(shaped(FormLayouter.Labels.printDate), x: left, baseline: top + 14, size: size)
        line(texts.printDate, x: left + labelWidth, baseline: top + 14, size: size)
        let noteWidth = contentWidth - side - 20
        var baseline = top + 32
        for clusters in LineBreaker.lines(shaped(FormLayouter.Labels.note), width: noteWidth / 8.5) {
            line(clusters, x: left, baseline: baseline, size: 8.5)
            baseline += 8.5 * 1.5
        }
        top += side + 14
    }

    func shaped(_ text: String) -> [ShapedCluster] {
        (try? layouter.shape(text, field: text)) ?? []
    }
}

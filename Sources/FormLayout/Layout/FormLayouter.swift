/// Lays the registration form out on one A4 page: title, application number and barcode, the ruled table with
/// the photo at the top right, the commitment with signature and date lines, the QR code and the print date.
///
/// Long values wrap inside their cells; when the page would overflow, the values are set a size smaller (down
/// to 7 pt), and past that the form is refused (`FormError.doesNotFit`) — nothing ever runs off the page.
/// The fixed texts (labels, headings) are shaped once, in `init`.
public final class FormLayouter: Sendable {
    public let fonts: FontSet
    let shaper: Shaper
    let setter: TextSetter
    private let shapedTemplate: [TextKey: [ShapedCluster]]
    /// Values repeat across a print run (exam, specialty, subjects, audit point, schools): shaped once each.
    private let recentValues = ShapeCache(limit: 4096)

    public init(fonts: FontSet) throws {
        self.fonts = fonts
        shaper = Shaper(fonts: fonts)
        setter = TextSetter(fonts: fonts)
        var cache: [TextKey: [ShapedCluster]] = [:]
        for text in FormLayouter.templateTexts { cache[TextKey(text)] = try shaper.shape(text) }
        shapedTemplate = cache
    }

    /// Every text the form prints whatever its content: its glyphs can be embedded once for all forms.
    public static let templateTexts: [String] = Labels.all + [RegistrationForm.standardCommitment]

    enum Labels {
        static let number = "报名号："
        static let photo = "贴照片处"
        static let commitment = "报考承诺书"
        static let signature = "考生签名："
        static let date = "日期："
        static let printDate = "打印日期："
        static let qrCaption = "扫码核验"
        static let note = "注：考生本人签名后交审核点审核，审核点扫码核验真伪。"
        static let none = "无"
        static let education = ["学历信息", "学历", "毕业院校", "所学专业", "毕业时间"]
        static let cells = ["姓名", "性别", "出生日期", "民族", "证件类型", "证件号码", "手机号码", "电子邮箱", "工作单位",
                            "学位", "专业工作年限", "报考考试", "报考级别", "报考专业", "报考科目", "免考科目",
                            "报考省份", "报考城市", "审核点", "审核方式", "报名费"]
        static let all = [number, photo, commitment, signature, date, printDate, qrCaption, note, none] + education + cells
    }

    // Geometry, in points.
    static let margin = (left: 40.0, right: 40.0, top: 34.0, bottom: 30.0)
    static let labelWidth = 68.0
    static let photoColumnWidth = 104.0
    static let photoBlockMinimumHeight = 146.0
    static let padding = (horizontal: 4.0, vertical: 3.5)
    static let labelSize = 9.5
    static let labelGray = 0.93
    static let ruleWidth = 0.7
    static let valueSizes = [10.0, 9.0, 8.0, 7.0]

    /// The page for one form.
    public func layout(_ form: RegistrationForm) throws(FormError) -> LaidOutDocument {
        let photo: JPEGImage?
        do { photo = try form.photoJPEG.map { bytes throws(JPEGImage.Failure) in try JPEGImage(bytes: bytes) } } catch { throw .photo(error) }
        let qr: QRCode
        do { qr = try QRCode(encoding: form.qrPayload.isEmpty ? form.applicationNumber : form.qrPayload) } catch { throw .qrCode(error) }
        let barcode: Code128
        do { barcode = try Code128(encoding: form.applicationNumber) } catch { throw .barcode(error) }
        let texts = try FieldTexts(form: form, layouter: self)

        var overflow = 0.0
        for size in FormLayouter.valueSizes {
            var page = PageBuilder(layouter: self, texts: texts, valueSize: size)
            page.build(form: form, photo: photo, qr: qr, barcode: barcode)
            if page.top <= Page.a4.height - FormLayouter.margin.bottom {
                return LaidOutDocument(title: form.title, pages: [Page(width: Page.a4.width, height: Page.a4.height, items: page.background + page.rules + page.foreground)])
            }
            overflow = page.top - (Page.a4.height - FormLayouter.margin.bottom)
        }
        throw .doesNotFit(overflow: overflow)
    }

    /// Shapes a text, from the template cache when it is a fixed text.
    func shape(_ text: String, field: String) throws(FormError) -> [ShapedCluster] {
        if let cached = shapedTemplate[TextKey(text)] ?? recentValues[text] { return cached }
        do {
            let clusters = try shaper.shape(text)
            recentValues[text] = clusters
            return clusters
        } catch let error as FontError { throw .text(field: field, error) } catch {
            throw .text(field: field, .shapingFailed("\(error)"))
        }
    }
}

/// Every value of a form, shaped once (the layout may be tried at several sizes).
struct FieldTexts {
    var title, number, name, gender, birthDate, ethnicGroup, idType, idNumber, phone, email, workUnit: [ShapedCluster]
    var education: [[[ShapedCluster]]]
    var degrees, workYears, exam, level, specialty, subjects, exempted, province, city, auditPoint, route, fee: [ShapedCluster]
    var commitment, printDate: [ShapedCluster]

    init(form: RegistrationForm, layouter: FormLayouter) throws(FormError) {
        func shape(_ text: String, _ field: String) throws(FormError) -> [ShapedCluster] { try layouter.shape(text, field: field) }
        title = try shape(form.title, "标题")
        number = try shape(form.applicationNumber, "报名号")
        name = try shape(form.name, "姓名")
        gender = try shape(form.gender, "性别")
        birthDate = try shape(form.birthDate, "出生日期")
        ethnicGroup = try shape(form.ethnicGroup, "民族")
        idType = try shape(form.idType, "证件类型")
        idNumber = try shape(form.idNumber, "证件号码")
        phone = try shape(form.phone, "手机号码")
        email = try shape(form.email, "电子邮箱")
        workUnit = try shape(form.workUnit, "工作单位")
        var rows: [[[ShapedCluster]]] = []
        for record in form.education {
            rows.append([try shape(record.level, "学历"), try shape(record.school, "毕业院校"),
                         try shape(record.major, "所学专业"), try shape(record.graduated, "毕业时间")])
        }
        education = rows
        degrees = try shape(form.degrees.isEmpty ? FormLayouter.Labels.none : form.degrees.joined(separator: "；"), "学位")
        workYears = try shape(form.relevantWorkYears, "专业工作年限")
        exam = try shape(form.examName, "报考考试")
        level = try shape(form.level, "报考级别")
        specialty = try shape(form.specialty, "报考专业")
        subjects = try shape(form.subjects.joined(separator: "、"), "报考科目")
        exempted = try shape(form.exempted.isEmpty ? FormLayouter.Labels.none : form.exempted.joined(separator: "、"), "免考科目")
        province = try shape(form.province, "报考省份")
        city = try shape(form.city, "报考城市")
        auditPoint = try shape(form.auditPoint, "审核点")
        route = try shape(form.route, "审核方式")
        fee = try shape(form.feeText, "报名费")
        commitment = try shape(form.commitment, "报考承诺书")
        printDate = try shape(form.printDate, "打印日期")
    }
}

import FormLayout
import Vocabulary

/// A dozen varied forms: the longest values, rare characters, minority and bracket names, every route,
/// with and without photos.
enum SampleApplications {
    static func base(_ number: String, name: String) -> RegistrationForm {
        RegistrationForm(
            applicationNumber: number, examName: "一级建造师", year: 2026,
            name: name, gender: "男", birthDate: "1985-03-12", ethnicGroup: "汉族",
            idType: "居民身份证", idNumber: "11010519850312001X", phone: "13800138000", email: "wang@example.com",
            workUnit: "中国建筑第八工程局有限公司",
            education: [.init(level: "本科", school: "同济大学", major: "土木工程", graduated: "2007-07")],
            degrees: ["工学学士"], relevantWorkYears: "12年",
            level: "一级", specialty: "建筑工程",
            subjects: ["建设工程经济", "建设工程法规及相关知识", "建设工程项目管理", "专业工程管理与实务"], exempted: [],
            province: "北京市", city: "北京市", auditPoint: "北京市住房和城乡建设委员会考试审核点", route: "网上自动核验",
            feeTotal: 22400, feeItems: ["建设工程经济", "建设工程法规及相关知识", "建设工程项目管理", "专业工程管理与实务"].map { .init(subject: $0, amount: 5600) },
            printDate: "2026年11月24日")
    }

    /// Forms with their payload signed by the test key.
    static func all(photo: [UInt8], progressive: [UInt8], gray: [UInt8]) -> [(name: String, form: RegistrationForm)] {
        var forms: [(String, RegistrationForm)] = []

        var typical = base("BK2026000001", name: "王晓明")
        typical.photoJPEG = photo
        forms.append(("typical-with-photo", typical))

        var longest = base("BK2026000002", name: "阿卜杜热合曼·买买提明·艾力江·吐尔逊江·阿不都外力·克里木·艾合买提江·热合曼")
        longest.workUnit = "新疆维吾尔自治区喀什地区疏附县乌帕尔镇人民政府驻乌鲁木齐市联络办事处基础设施建设工程项目管理中心第三分部技术质量科"
        longest.auditPoint = "新疆维吾尔自治区喀什地区人力资源和社会保障局考试中心（喀什市人民东路三十八号人社服务大厅二楼东侧窗口）审核点"
        longest.email = "abdurahman.mamatmin.alijan.tursunjan.very.long.address@xinjiang-construction-engineering.example.com"
        longest.education = [
            .init(level: "博士", school: "新疆大学建筑工程学院土木工程与工程管理系结构工程研究所", major: "防灾减灾工程及防护工程（地震工程方向）", graduated: "2019-06"),
            .init(level: "硕士", school: "西安建筑科技大学", major: "结构工程", graduated: "2014-07"),
            .init(level: "本科", school: "新疆农业大学水利与土木工程学院", major: "水利水电工程", graduated: "2011-07"),
        ]
        longest.degrees = ["工学博士", "工学硕士", "工学学士"]
        longest.ethnicGroup = "维吾尔族"
        forms.append(("longest-values", longest))

        var ji = base("BK2026000003", name: "王𠮷")
        ji.route = "网上人工审核"
        forms.append(("rare-ji", ji))

        var zhe = base("BK2026000004", name: "张𪚥")
        zhe.gender = "女"
        forms.append(("rare-zhe-extension-b", zhe))

        var yan = base("BK2026000005", name: "刘䶮")
        yan.route = "现场审核"
        forms.append(("rare-yan-extension-a", yan))

        var minority = base("BK2026000006", name: "买买提·艾力")
        minority.ethnicGroup = "维吾尔族"
        minority.photoJPEG = progressive
        forms.append(("minority-dot-progressive-photo", minority))

        var bracket = base("BK2026000007", name: "王晓[沛]")
        bracket.photoJPEG = gray
        forms.append(("bracket-name-gray-photo", bracket))

        var onsite = base("BK2026000008", name: "李娜")
        onsite.route = "现场审核"
        onsite.exempted = ["建设工程经济", "建设工程法规及相关知识", "建设工程项目管理"]
        onsite.subjects = ["专业工程管理与实务"]
        onsite.feeItems = [.init(subject: "专业工程管理与实务", amount: 5600)]
        onsite.feeTotal = 5600
        forms.append(("onsite-exempted-no-photo", onsite))

        var review = base("BK2026000009", name: "欧阳娜娜")
        review.route = "网上人工审核"
        review.examName = "中级经济师"
        review.level = "中级"
        review.specialty = "人力资源管理"
        review.subjects = ["经济基础知识", "人力资源管理专业知识和实务"]
        review.feeItems = review.subjects.map { .init(subject: $0, amount: 6500) }
        review.feeTotal = 13000
        review.title = "2026年度中级经济师考试报名表"
        forms.append(("online-review-economist", review))

        var passport = base("BK2026000010", name: "SMITH JOHN")
        passport.idType = "护照"
        passport.idNumber = "E12345678"
        passport.ethnicGroup = "外国血统"
        passport.email = "john.smith@example.co.uk"
        forms.append(("passport-latin-name", passport))

        var hk = base("BK2026000011", name: "陳嘉儀")
        hk.idType = "港澳居民来往内地通行证"
        hk.idNumber = "H12345678"
        hk.education = []
        hk.degrees = []
        forms.append(("hk-permit-no-education", hk))

        var rare = base("BK2026000012", name: "龘〇")
        rare.workUnit = "稀见字测试：𠮷𪚥䶮沛龘〇𠀁"
        forms.append(("rare-mixed", rare))

        let verifier = Shared.verifier
        return forms.map { name, form in
            var signed = form
            signed.qrPayload = verifier.payload(for: signed)
            return (name, signed)
        }
    }

    /// Every value the PDF must give back exactly (blanks aside).
    static func printedValues(_ form: RegistrationForm) -> [String] {
        var values = [form.title, form.applicationNumber, form.name, form.gender, form.birthDate, form.ethnicGroup, form.idType,
                      form.idNumber, form.phone, form.email, form.workUnit, form.relevantWorkYears, form.examName, form.level,
                      form.specialty, form.province, form.city, form.auditPoint, form.route, form.feeText, form.printDate, form.commitment]
        for record in form.education { values += [record.level, record.school, record.major, record.graduated] }
        values += form.degrees + form.subjects + form.exempted
        return values.filter { !$0.isEmpty }
    }
}

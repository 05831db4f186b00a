import FormLayout
import Foundation
import Vocabulary

/// Varied forms for the benchmark: names, units, schools and subjects drawn in rotation from short lists,
/// so glyph sets differ from form to form as they do in a real print run.
enum SampleForms {
    static let surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
                           "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "欧阳", "司马"]
    /// Given names are one or two characters drawn from these, so glyph sets vary as in a real print run.
    static let nameCharacters = Array("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰志华建国玉梅红飞鹏辉宇浩然子轩欣怡思远晨阳博文婷雪琳晓佳俊峰海燕凯林春燕冬梅德胜永福宝山立新卫东振华淑珍凤英秀兰金凤玉兰亚楠梓涵雨萱一诺若曦沐宸皓轩奕辰嘉懿语桐")
    static let rareGivenNames = ["𠮷", "䶮", "晓[沛]", "𪚥"]
    static let units = ["中国建筑第八工程局有限公司", "北京城建集团有限责任公司", "上海隧道工程股份有限公司", "广东省建筑设计研究院",
                        "中铁十二局集团第二工程有限公司", "浙江省交通规划设计研究院有限公司", "四川华西集团有限公司", "湖北省工业建筑集团有限公司"]
    static let schools = ["清华大学", "同济大学", "东南大学", "重庆大学", "华南理工大学", "哈尔滨工业大学", "西安建筑科技大学", "长安大学", "河海大学"]
    static let majors = ["土木工程", "工程管理", "给排水科学与工程", "建筑环境与能源应用工程", "道路桥梁与渡河工程", "水利水电工程"]
    static let places = [("北京市", "北京市", "北京市住房和城乡建设委员会考试审核点"), ("广东省", "广州市", "广州市人力资源考试中心"),
                         ("四川省", "成都市", "成都市人事考试中心审核点"), ("浙江省", "杭州市", "杭州市建设人才服务中心")]
    static let routes = ["网上自动核验", "网上人工审核", "现场审核"]
    static let specialties = ["建筑工程", "市政公用工程", "机电工程", "公路工程", "水利水电工程"]
    static let subjects = ["建设工程经济", "建设工程法规及相关知识", "建设工程项目管理", "专业工程管理与实务"]

    static func givenName(_ index: Int) -> String {
        if index % 97 == 0 { return rareGivenNames[(index / 97) % rareGivenNames.count] }
        var state = UInt64(index) &* 0x9E37_79B9_7F4A_7C15
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        let first = nameCharacters[next() % nameCharacters.count]
        return next() % 3 == 0 ? String(first) : String([first, nameCharacters[next() % nameCharacters.count]])
    }

    static func form(_ index: Int) -> RegistrationForm {
        func pick<T>(_ list: [T], _ salt: Int) -> T { list[(index &* 7 &+ salt &* 13 &+ index / list.count) % list.count] }
        let place = pick(places, 1)
        let exempt = index % 3 == 0
        let sitting = exempt ? [subjects[3]] : subjects
        let fees = sitting.map { RegistrationForm.FeeItem(subject: $0, amount: 5600) }
        var form = RegistrationForm(
            applicationNumber: "BK2026" + String(100000 + index),
            examName: "一级建造师", year: 2026,
            name: pick(surnames, 2) + givenName(index), gender: index % 2 == 0 ? "男" : "女",
            birthDate: "19\(70 + index % 25)-0\(1 + index % 9)-1\(index % 10)", ethnicGroup: index % 11 == 0 ? "回族" : "汉族",
            idType: "居民身份证", idNumber: "1101051980010\(10000 + index % 89999)".prefix(17) + "X",
            phone: "138\(String(10_000_000 + index * 37 % 89_999_999))", email: "candidate\(index)@example.com",
            workUnit: pick(units, 4),
            education: [RegistrationForm.Education(level: "本科", school: pick(schools, 5), major: pick(majors, 6), graduated: "20\(10 + index % 10)-07")],
            degrees: ["工学学士"], relevantWorkYears: "\(4 + index % 15)年",
            level: "一级", specialty: pick(specialties, 7), subjects: sitting, exempted: exempt ? Array(subjects[0..<3]) : [],
            province: place.0, city: place.1, auditPoint: place.2, route: pick(routes, 8),
            feeTotal: fees.reduce(Fen.zero) { $0 + $1.amount }, feeItems: fees, printDate: "2026年11月24日")
        form.qrPayload = verifier.payload(for: form)
        return form
    }

    static let verifier = FormVerifier(key: FormVerifier.demoKey)

    /// The test fixture photo (a small baseline JPEG), if the source tree is at hand.
    static func photo(folder: URL) -> [UInt8]? {
        let url = folder.appendingPathComponent("../../Tests/FormTests/Fixtures/photo.jpg").standardizedFileURL
        return (try? Data(contentsOf: url)).map { Array($0) }
    }
}

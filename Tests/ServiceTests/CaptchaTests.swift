import Foundation
import GRDB
@testable import Service
import TestDatabases
import Testing

/// The captcha as a person and as a script meet it: digits a real renderer draws, paths no table reads,
/// challenges that cost no write and are used up for good.
@Suite struct CaptchaTests {
    /// What a person sees: rsvg-convert renders the picture, and every glyph box holds ink that the same
    /// picture without its digits does not (with the doubled `##` colour of old, renderers drew no digits
    /// and the two pictures were alike).
    @Test(arguments: 1...12)
    func aRealRendererDrawsEveryDigit(seed: Int) throws {
        let answer = String(format: "%04d", (seed * 7919) % 10_000)
        var full = SplitMix64(seed: UInt64(seed)), bare = SplitMix64(seed: UInt64(seed))
        let zoom = 2.0
        let picture = try RenderedImage.render(svg: CaptchaImage.svg(for: answer, using: &full), zoom: zoom)
        let noise = try RenderedImage.render(svg: CaptchaImage.svg(for: answer, using: &bare, digits: false), zoom: zoom)
        #expect(picture.width == 300 && picture.height == 100)
        for i in 0..<4 {
            let box = CaptchaImage.slot(i)
            let (x, y, w, h) = ((box.x - 4) * zoom, (box.y - 4) * zoom, (box.width + 8) * zoom, (box.height + 8) * zoom)
            let digitInk = picture.ink(x: x, y: y, width: w, height: h) - noise.ink(x: x, y: y, width: w, height: h)
            // A digit is at least ~40 px of stroke, 2.3 px wide, at zoom 2: well over 250 pixels of ink.
            #expect(digitInk > 250, "digit \(i) of \(answer) (seed \(seed)) left only \(digitInk) pixels of ink")
        }
    }

    /// The service's own pictures render too (the colours are ones a renderer reads).
    @Test(arguments: Backend.allCases) func theServicesPicturesRender(_ backend: Backend) throws {
        let driver = try InProcessDriver(backend, captcha: true)
        let svg = try #require(expectResult(try driver.call("captcha.issue", [:]))["image"]?.stringValue)
        #expect(!svg.contains("##"))
        let picture = try RenderedImage.render(svg: svg)
        #expect(picture.ink(x: 0, y: 0, width: 150, height: 50) > 400)
    }

    /// The attack that read every captcha before: learn the `d` strings of pictures whose answers are known,
    /// then read new pictures by looking their paths up — exactly, and after normalising each path (moved to
    /// its box's corner, scaled to a unit box, coordinates rounded to a 4×6 grid as the old glyphs were).
    @Test func lookupTablesOfPathsReadNothing() throws {
        func pictures(_ seeds: Range<Int>) -> [(answer: String, paths: [String])] {
            seeds.map { seed in
                var generator = SplitMix64(seed: UInt64(seed))
                let answer = String(format: "%04d", Int.random(in: 0..<10_000, using: &generator))
                return (answer, CaptchaAttack.paths(in: CaptchaImage.svg(for: answer, using: &generator)))
            }
        }
        let training = pictures(1000..<1400), trial = pictures(5000..<5200)
        for normalise in [false, true] {
            var table: [String: [Character: Int]] = [:]
            for (answer, paths) in training {
                for d in paths {
                    guard let slot = CaptchaAttack.slot(of: d) else { continue }
                    table[CaptchaAttack.key(d, normalised: normalise), default: [:]][Array(answer)[slot], default: 0] += 1
                }
            }
            var read = 0, digitsRight = 0
            for (answer, paths) in trial {
                var guesses: [Int: [Character: Int]] = [:]
                for d in paths {
                    guard let slot = CaptchaAttack.slot(of: d), let votes = table[CaptchaAttack.key(d, normalised: normalise)] else { continue }
                    for (digit, count) in votes { guesses[slot, default: [:]][digit, default: 0] += count }
                }
                let reading = String((0..<4).map { slot in guesses[slot]?.max { $0.value < $1.value }?.key ?? "?" })
                if reading == answer { read += 1 }
                digitsRight += zip(reading, answer).filter { $0 == $1 }.count
            }
            // Guessing gives 1 in 10,000 pictures and a tenth of the digits (measured: exact 0 of 800 digits,
            // normalised 108 of 800 — chance and its ties).
            #expect(read == 0, "normalised \(normalise): \(read) of \(trial.count) pictures read")
            #expect(digitsRight * 5 < trial.count * 4, "normalised \(normalise): \(digitsRight) of \(trial.count * 4) digits right")
            if !normalise { #expect(digitsRight == 0, "an exact path string repeated across pictures") }
        }
    }

    /// Issuing writes nothing: the method runs in a read transaction, which cannot write (PostgreSQL refuses
    /// any write in its `READ ONLY` transaction, so twenty answers are the proof there), and on SQLite no other
    /// connection sees the file change.
    @Test(arguments: Backend.allCases) func issuingACaptchaWritesNothing(_ backend: Backend) throws {
        let driver = try InProcessDriver(backend, captcha: true)
        #expect(MethodRegistry.standard["captcha.issue"]?.access == .read)
        let version = { backend == .sqlite ? try driver.store.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") } : nil }
        let before = try version()
        for _ in 0..<20 { expectResult(try driver.call("captcha.issue", [:])) }
        #expect(try version() == before)
        #expect(try driver.count("SELECT COUNT(*) FROM captchaUse") == 0)
    }

    /// A save refused with a rollback (a field the evaluator cannot read) used its captcha up all the same.
    @Test(arguments: Backend.allCases) func aCaptchaUsedByARefusedSaveCannotBeReplayed(_ backend: Backend) throws {
        let j = try Journey.readyToSaveWithCaptcha(backend)
        let driver = j.driver
        let captcha = try driver.captchaFields()
        let refused = try j.save(Journey.beijing.merging(captcha) { _, new in new }.merging(["city": "999999"]) { _, new in new })
        expectError(refused, -32602)
        expectDomainError(try j.save(Journey.beijing.merging(captcha) { _, new in new }), .captchaExpired)
        expectResult(try j.save(Journey.beijing.merging(try driver.captchaFields()) { _, new in new }))
    }

    /// A challenge cannot be stretched or forged: its expiry and answer are under the HMAC.
    @Test(arguments: Backend.allCases) func challengesCannotBeAlteredOrForged(_ backend: Backend) throws {
        let driver = try InProcessDriver(backend, captcha: true)
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        let fields = try driver.captchaFields()
        let id = try #require(fields["captchaId"]?.stringValue)
        driver.advance(by: 301)
        expectDomainError(try driver.call("account.login", candidate.login.with(fields)), .captchaExpired)
        // The same id with its expiry moved on: the tag no longer matches.
        var parts = id.split(separator: ".").map(String.init)
        parts[2] = String(Int(parts[2])! + 3600)
        let stretched = fields.merging(["captchaId": .string(parts.joined(separator: "."))]) { _, new in new }
        expectDomainError(try driver.call("account.login", candidate.login.with(stretched)), .captchaMismatch)
        for forged in ["", "c1", "c1.x.1.y", "c2.AAAAAAAAAAAAAAAA.99999999999.AAAAAAAAAAAAAAAAAAAAAA", String(repeating: "9", count: 5000)] {
            expectDomainError(try driver.call("account.login", candidate.login.with(["captchaId": .string(forged), "captcha": "1234"])), .captchaExpired)
        }
        // Used once, even by a wrong answer.
        let fresh = try driver.captchaFields()
        let wrong = fresh["captcha"] == "0000" ? "1111" : "0000"
        expectDomainError(try driver.call("account.login", candidate.login.with(fresh).with(["captcha": .string(wrong)])), .captchaMismatch)
        expectDomainError(try driver.call("account.login", candidate.login.with(fresh)), .captchaExpired)
    }

    /// Two services on one database (each with a store of its own, as two instances) share the key: a captcha
    /// issued by one is accepted by the other.
    @Test(arguments: Backend.allCases) func servicesOnOneDatabaseShareTheKey(_ backend: Backend) throws {
        let driver = try InProcessDriver(backend, captcha: true)
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        let other = BaokaoService(store: try driver.database.open(), configuration: driver.service.configuration, clock: driver.clock)
        expectResult(other.call("account.login", candidate.login.with(try driver.captchaFields())))
    }
}

/// The attacker's view of a picture: path strings, where they lie, and their normalised shape.
enum CaptchaAttack {
    static func paths(in svg: String) -> [String] {
        svg.components(separatedBy: "<path d=\"").dropFirst().compactMap { $0.split(separator: "\"", maxSplits: 1).first.map(String.init) }
    }

    static func points(_ d: String) -> [(Double, Double)] {
        let numbers = d.split(whereSeparator: { !"0123456789.-".contains($0) }).compactMap { Double($0) }
        return stride(from: 0, to: numbers.count - 1, by: 2).map { (numbers[$0], numbers[$0 + 1]) }
    }

    /// Which of the four digit slots a path's centre lies in.
    static func slot(of d: String) -> Int? {
        let xs = points(d).map(\.0)
        guard !xs.isEmpty else { return nil }
        let centre = xs.reduce(0, +) / Double(xs.count)
        let slot = Int((centre - 10) / 34)
        return (0..<4).contains(slot) ? slot : nil
    }

    /// The string itself, or its shape: commands, and points moved to the box's corner, scaled to a unit
    /// box and rounded to a 4×6 grid.
    static func key(_ d: String, normalised: Bool) -> String {
        guard normalised else { return d }
        let p = points(d)
        let xs = p.map(\.0), ys = p.map(\.1)
        guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max() else { return d }
        let commands = String(d.filter { $0.isLetter })
        let grid = p.map { point in
            "\(Int(((point.0 - minX) / max(maxX - minX, 1) * 4).rounded())),\(Int(((point.1 - minY) / max(maxY - minY, 1) * 6).rounded()))"
        }
        return commands + " " + grid.joined(separator: " ")
    }
}

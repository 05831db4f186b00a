import Foundation
@testable import Service
import Testing

/// The loop on real file descriptors: blocking reads of whatever size arrives, answers in order, EOF ends it.
@Suite struct StdioLoopTests {
    @Test func answersBytesThatArriveOneAtATime() throws {
        let driver = try InProcessDriver()
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0]
        #expect(pipe(&input) == 0 && pipe(&output) == 0)
        let loop = StdioLoop(service: driver.service, input: input[0], output: output[1])
        let done = DispatchSemaphore(value: 0)
        let writeEnd = input[1], outputWriteEnd = output[1]
        Thread {
            try? loop.run()
            close(outputWriteEnd)
            done.signal()
        }.start()
        let text = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"captcha.issue\"}\r\n\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"x\"}\nnot json"
        for byte in Array(text.utf8) {
            var b = byte
            #expect(write(writeEnd, &b, 1) == 1)
        }
        close(writeEnd)
        done.wait()
        var collected: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(output[0], &buffer, buffer.count)
            if n <= 0 { break }
            collected += buffer[0..<n]
        }
        close(output[0])
        close(input[0])
        let lines = String(decoding: collected, as: UTF8.self).split(separator: "\n").map { try! JSONParser.parse(String($0)) }
        #expect(lines.count == 3)
        #expect(lines[0]["id"] == 1 && lines[0]["result"] != nil)
        #expect(lines[1]["id"] == 2 && lines[1]["error"]?["code"] == -32601)
        #expect(lines[2]["id"] == .null && lines[2]["error"]?["code"] == -32700)
    }
}

/// The loopback client and `builtExecutable`, shared with the scale-out tests: visible to every file here.
@_exported import LoopbackTesting

/// JSON-RPC 2.0 over stdin/stdout: framing, errors, and the methods of the registration workflow. Filled by issues #6 and #7.
enum ServiceModule {}

/// A laid-out document becomes PDF bytes: subset CJK fonts with ToUnicode, the JPEG photo, deflated streams, reproducible output. Filled by issue #5.
enum PDFExportModule {}

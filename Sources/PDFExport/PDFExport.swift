/// A laid-out document becomes PDF bytes; nothing here knows what a form is, except `FormRenderer`, which
/// ties layout and writer together for bulk printing.
///
/// 1. `PDFWriter` is prepared once with the glyphs every document shares (subset once, `SubsetFont`, and
///    serialised once, `FontObjects`).
/// 2. `write(_:options:)` assigns each glyph to the shared subset or to the document's own subset — CFF faces
///    assembled from cached charstrings (`CFFGlyphLibrary`), TrueType faces subset by HarfBuzz — writes the
///    page content (`ContentStream`), deflates it (`Deflate`, libdeflate), embeds photos as DCTDecode and QR
///    codes and barcodes as image masks, and numbers the objects (`ObjectTable`: dictionaries in one object
///    stream, a cross-reference stream): the same input always gives the same bytes.
enum PDFExportModule {}

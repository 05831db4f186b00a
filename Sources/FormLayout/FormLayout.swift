/// The registration form's content laid out on an A4 page as positioned, shaped items. Knows nothing of PDF.
///
/// 1. `FontSet` loads the faces of `Fonts/fonts.yaml` (primary Noto Sans CJK SC, then HanaMin A/B) once.
/// 2. `Shaper` shapes text with HarfBuzz, choosing per character the first face that has it; a character no
///    face has is a `FontError` naming it and its code point.
/// 3. `FormLayouter` turns a `RegistrationForm` into a `LaidOutDocument`: the ruled table, cells wrapped by
///    `LineBreaker` (禁则), the photo (`JPEGImage`, header checked), the QR code (`QRCode`, libqrencode) and
///    the application number's `Code128` barcode.
/// 4. `FormVerifier` makes and checks the QR payload: the application number and an HMAC-based code.
enum FormLayoutModule {}

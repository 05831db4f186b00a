/// The registration form's content laid out on an A4 page as positioned, shaped items (HarfBuzz, font fallback, line breaking, QR code, barcode). Filled by issue #5.
enum FormLayoutModule {}

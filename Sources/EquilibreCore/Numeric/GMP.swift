import CGMP

// GMP's public names (mpq_add, mpz_mul, …) are C macros that do not import into Swift:
// the real symbols are the `__gmpq_*` / `__gmpz_*` functions called throughout this module.

/// Owns one `mpq_t`. Write-once: a `Rational` never mutates the storage it shares.
final class MPQ: @unchecked Sendable {
  let q: UnsafeMutablePointer<__mpq_struct>

  init() {
    q = .allocate(capacity: 1)
    __gmpq_init(q)
  }

  deinit {
    __gmpq_clear(q)
    q.deallocate()
  }

  var num: UnsafeMutablePointer<__mpz_struct> {
    UnsafeMutableRawPointer(q).assumingMemoryBound(to: __mpz_struct.self)
  }

  var den: UnsafeMutablePointer<__mpz_struct> {
    UnsafeMutableRawPointer(q).advanced(by: MemoryLayout<__mpz_struct>.stride)
      .assumingMemoryBound(to: __mpz_struct.self)
  }

  var sign: Int {
    let size = q.pointee._mp_num._mp_size
    return size < 0 ? -1 : (size > 0 ? 1 : 0)
  }
}

/// Owns one `mpz_t`: scratch integers for the exact algorithms (instalment, TAEG).
///
/// Pass `.z` of a named local only: a temporary such as `MPZ(2).z` may be freed before the
/// C call reads it.
final class MPZ: @unchecked Sendable {
  let z: UnsafeMutablePointer<__mpz_struct>

  init() {
    z = .allocate(capacity: 1)
    __gmpz_init(z)
  }

  convenience init(_ value: Int) {
    self.init()
    __gmpz_set_si(z, value)
  }

  deinit {
    __gmpz_clear(z)
    z.deallocate()
  }

  var sign: Int {
    let size = z.pointee._mp_size
    return size < 0 ? -1 : (size > 0 ? 1 : 0)
  }

  /// The value as an `Int`, or nil when it does not fit.
  var intValue: Int? {
    __gmpz_fits_slong_p(z) != 0 ? __gmpz_get_si(z) : nil
  }

  func set(_ value: Int) { __gmpz_set_si(z, value) }
  func set(_ other: MPZ) { __gmpz_set(z, other.z) }

  /// Decimal digits of the integer, with a leading "-" when negative.
  var decimalString: String { mpzDecimalString(z) }
}

/// Decimal digits of a GMP integer, written into Swift-owned memory (nothing to free).
func mpzDecimalString(_ z: UnsafePointer<__mpz_struct>) -> String {
  let size = __gmpz_sizeinbase(z, 10) + 2
  var buffer = [UInt8](repeating: 0, count: size)
  buffer.withUnsafeMutableBufferPointer { p in
    p.withMemoryRebound(to: CChar.self) { _ = __gmpz_get_str($0.baseAddress, 10, z) }
  }
  return String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
}

/// Sets `z` from a decimal string of ASCII digits (an optional leading "-").
func mpzSet(_ z: UnsafeMutablePointer<__mpz_struct>, decimal digits: String) -> Bool {
  digits.withCString { __gmpz_set_str(z, $0, 10) } == 0
}

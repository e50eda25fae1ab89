using System.Buffers.Binary;
using System.Numerics;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// The revoked serials of one CRL in a compact open-addressing hash table: serial bytes packed in one blob, an offset,
/// a revocation instant (Unix seconds) and a reason per entry, and an <see cref="int"/> slot table at a load factor
/// of at most 3/4 — about 40 bytes per entry for 20-byte serials, O(1) lookups with no allocation.
/// </summary>
internal sealed class CrlIndex
{
    /// <summary>Reason value stored when an entry has no reasonCode extension.</summary>
    public const byte NoReason = byte.MaxValue;

    private readonly byte[] _serials;
    private readonly int[] _offsets;
    private readonly long[] _revokedAt;
    private readonly byte[] _reasons;
    private readonly int[] _slots;
    private readonly int _mask;

    private CrlIndex(byte[] serials, int[] offsets, long[] revokedAt, byte[] reasons, int count)
    {
        _serials = serials;
        _offsets = offsets;
        _revokedAt = revokedAt;
        _reasons = reasons;
        Count = count;
        int capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, count + (count / 3) + 1));
        _slots = new int[capacity];
        _mask = capacity - 1;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> serial = SerialAt(i);
            int slot = (int)Hash(serial) & _mask;
            while (true)
            {
                int existing = _slots[slot];
                if (existing == 0)
                {
                    _slots[slot] = i + 1;
                    break;
                }

                if (SerialAt(existing - 1).SequenceEqual(serial))
                {
                    // A duplicate entry: keep the earliest revocation instant.
                    if (_revokedAt[i] < _revokedAt[existing - 1])
                    {
                        _slots[slot] = i + 1;
                    }

                    break;
                }

                slot = (slot + 1) & _mask;
            }
        }
    }

    /// <summary>Gets an empty index.</summary>
    public static CrlIndex Empty { get; } = new Builder(0).Build();

    /// <summary>Gets the number of entries.</summary>
    public int Count { get; }

    /// <summary>Gets the bytes the index holds (arrays only), for the bytes-per-entry figure.</summary>
    public long FootprintBytes => _serials.LongLength + (_offsets.LongLength * 4) + (_revokedAt.LongLength * 8) + _reasons.LongLength + (_slots.LongLength * 4);

    /// <summary>Looks a serial up.</summary>
    /// <param name="serial">The serial's big-endian bytes (leading zero bytes are ignored).</param>
    /// <param name="revokedAtUnixSeconds">The revocation instant when found.</param>
    /// <param name="reason">The reason (<see cref="NoReason"/> when absent) when found.</param>
    /// <returns>Whether the serial is listed.</returns>
    public bool TryFind(ReadOnlySpan<byte> serial, out long revokedAtUnixSeconds, out byte reason)
    {
        serial = Normalize(serial);
        int slot = (int)Hash(serial) & _mask;
        while (true)
        {
            int entry = _slots[slot];
            if (entry == 0)
            {
                revokedAtUnixSeconds = 0;
                reason = 0;
                return false;
            }

            if (SerialAt(entry - 1).SequenceEqual(serial))
            {
                revokedAtUnixSeconds = _revokedAt[entry - 1];
                reason = _reasons[entry - 1];
                return true;
            }

            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Strips leading zero bytes so that DER and non-minimal encodings of one serial compare equal.</summary>
    /// <param name="serial">The serial.</param>
    /// <returns>The normalized serial.</returns>
    public static ReadOnlySpan<byte> Normalize(ReadOnlySpan<byte> serial)
    {
        int i = 0;
        while (i < serial.Length - 1 && serial[i] == 0)
        {
            i++;
        }

        return serial[i..];
    }

    private ReadOnlySpan<byte> SerialAt(int i) => _serials.AsSpan(_offsets[i], _offsets[i + 1] - _offsets[i]);

    private static ulong Hash(ReadOnlySpan<byte> data)
    {
        const ulong Prime = 0x9E3779B97F4A7C15UL;
        ulong h = (ulong)data.Length * Prime;
        while (data.Length >= 8)
        {
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(data)) * Prime;
            h ^= h >> 29;
            data = data[8..];
        }

        ulong tail = 0;
        for (int i = 0; i < data.Length; i++)
        {
            tail = (tail << 8) | data[i];
        }

        h = (h ^ tail) * Prime;
        h ^= h >> 32;
        h *= 0xD6E8FEB86659FD93UL;
        h ^= h >> 32;
        return h;
    }

    /// <summary>Accumulates entries while a CRL is parsed.</summary>
    internal sealed class Builder
    {
        private byte[] _serials;
        private int[] _offsets;
        private long[] _revokedAt;
        private byte[] _reasons;
        private int _count;
        private int _blobLength;

        public Builder(int expectedEntries)
        {
            int n = Math.Max(4, expectedEntries);
            _serials = new byte[n * 20];
            _offsets = new int[n + 1];
            _revokedAt = new long[n];
            _reasons = new byte[n];
        }

        public void Add(ReadOnlySpan<byte> serial, long revokedAtUnixSeconds, byte reason)
        {
            serial = Normalize(serial);
            if (_count == _revokedAt.Length)
            {
                int n = _count * 2;
                Array.Resize(ref _offsets, n + 1);
                Array.Resize(ref _revokedAt, n);
                Array.Resize(ref _reasons, n);
            }

            if (_blobLength + serial.Length > _serials.Length)
            {
                Array.Resize(ref _serials, Math.Max(_serials.Length * 2, _blobLength + serial.Length));
            }

            serial.CopyTo(_serials.AsSpan(_blobLength));
            _offsets[_count] = _blobLength;
            _blobLength += serial.Length;
            _revokedAt[_count] = revokedAtUnixSeconds;
            _reasons[_count] = reason;
            _count++;
            _offsets[_count] = _blobLength;
        }

        public CrlIndex Build()
        {
            // Trim to the exact size so that the footprint is what the entries need.
            byte[] serials = _serials.Length == _blobLength ? _serials : _serials.AsSpan(0, _blobLength).ToArray();
            int[] offsets = _offsets.Length == _count + 1 ? _offsets : _offsets.AsSpan(0, _count + 1).ToArray();
            long[] revokedAt = _revokedAt.Length == _count ? _revokedAt : _revokedAt.AsSpan(0, _count).ToArray();
            byte[] reasons = _reasons.Length == _count ? _reasons : _reasons.AsSpan(0, _count).ToArray();
            return new CrlIndex(serials, offsets, revokedAt, reasons, _count);
        }
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

internal sealed class FixedTimeOtpCodeComparer : IOtpCodeComparer
{
    public static FixedTimeOtpCodeComparer Instance { get; } = new();

    public bool AreEqual(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual) => CryptographicOperations.FixedTimeEquals(expected, actual);
}

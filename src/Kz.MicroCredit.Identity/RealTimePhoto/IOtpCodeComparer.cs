using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>Compares code hashes. The default is constant-time; tests substitute a recording one.</summary>
internal interface IOtpCodeComparer
{
    bool AreEqual(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual);
}

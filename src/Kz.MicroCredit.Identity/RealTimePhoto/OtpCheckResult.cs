using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>The result of checking a one-time code.</summary>
internal enum OtpCheckResult
{
    /// <summary>Correct, in time, first acceptance.</summary>
    Accepted = 0,

    /// <summary>Wrong code; attempts remain.</summary>
    Invalid = 1,

    /// <summary>Expired.</summary>
    Expired = 2,

    /// <summary>The attempt cap is reached; the code is used up.</summary>
    AttemptsExhausted = 3,

    /// <summary>Already accepted once (a replay).</summary>
    AlreadyUsed = 4,

    /// <summary>No code for this session.</summary>
    NotFound = 5,
}

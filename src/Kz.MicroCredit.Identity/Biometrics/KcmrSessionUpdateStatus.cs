using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>How a store took a session update.</summary>
internal enum KcmrSessionUpdateStatus
{
    /// <summary>No such session.</summary>
    Unknown = 0,

    /// <summary>Applied.</summary>
    Applied = 1,

    /// <summary>The session already had a final state; the update was ignored (first final state wins).</summary>
    AlreadyFinal = 2,
}

using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>The state of a hosted session after a poll.</summary>
/// <param name="State">The state (<see cref="CeidSessionState.Unknown"/> when the poll failed).</param>
/// <param name="Failure">The poll failure, if any.</param>
public sealed record KcmrSessionPoll(CeidSessionState State, IReadOnlyList<ReasonCode> Failure)
{
    /// <summary>Gets a value indicating whether the session reached a final state.</summary>
    public bool IsFinal => KcmrBiometricsSessions.IsFinal(State);
}

using System.Globalization;
using System.Security.Cryptography;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>The status of a hosted session.</summary>
/// <param name="SessionId">The session id.</param>
/// <param name="State">The state.</param>
/// <param name="Result">The result when <see cref="CeidSessionState.Completed"/>.</param>
internal sealed record CeidSessionStatus(string SessionId, CeidSessionState State, CeidMatchResult? Result);

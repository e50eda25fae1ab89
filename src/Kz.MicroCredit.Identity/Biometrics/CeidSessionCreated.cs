using System.Globalization;
using System.Security.Cryptography;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>A hosted session the provider created.</summary>
/// <param name="SessionId">The provider's session id (opaque, not personal data).</param>
/// <param name="RedirectUrl">The page to open in the borrower's browser or WebView.</param>
/// <param name="ExpiresAt">When the session expires.</param>
internal sealed record CeidSessionCreated(string SessionId, Uri RedirectUrl, DateTimeOffset ExpiresAt);

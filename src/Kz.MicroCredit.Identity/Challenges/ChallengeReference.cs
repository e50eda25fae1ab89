using System.Globalization;
using System.Security;
using System.Text;

namespace Kz.MicroCredit.Identity;

/// <summary>What a signed challenge names: its id and nonce.</summary>
/// <param name="Id">The challenge id.</param>
/// <param name="Nonce">The nonce.</param>
public readonly record struct ChallengeReference(string Id, string Nonce);

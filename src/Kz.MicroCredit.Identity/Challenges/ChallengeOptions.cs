using System.Security.Cryptography;
using System.Text;
using Kz.MicroCredit.Identity.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity;

/// <summary>Challenge lifetime.</summary>
public sealed class ChallengeOptions
{
    /// <summary>Gets or sets how long a challenge stays valid.</summary>
    /// <value>The default value is 5 minutes; allowed 10 seconds to 1 hour.</value>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(5);
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>A stored code with its counters.</summary>
/// <param name="Record">The record.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="Consumed">Whether the code was accepted (or used up) already.</param>
internal readonly record struct OtpState(OtpRecord Record, int Attempts, bool Consumed);

using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.PhoneOwnership;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Kz.MicroCredit.Identity.SigningChannels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity;

/// <summary>
/// The start-up check of the state stores (runs with the other <c>ValidateOnStart</c> options): a shared store with a
/// per-process random key is an error (each instance would hash codes and borrower keys differently), and in-process
/// stores in the Production environment are a warning, or an error when configured so.
/// </summary>
internal sealed class StateStoreStartupCheck : IValidateOptions<StateStoreOptions>
{
    private readonly IServiceProvider _services;

    public StateStoreStartupCheck(IServiceProvider services) => _services = services;

    public ValidateOptionsResult Validate(string? name, StateStoreOptions options)
    {
        var errors = new List<string>();
        var singleInstance = new List<string>();
        bool otpShared = Check<IOtpStore>("OTP", s => s is InMemoryOtpStore, singleInstance);
        bool rtpSessionsShared = Check<IRealTimePhotoSessionStore>("real-time photo sessions", s => s is InMemoryRealTimePhotoSessionStore, singleInstance);
        Check<ILivenessResultStore>("liveness results", s => s is LivenessResultCache, singleInstance);
        bool attemptsShared = Check<IBiometricAttemptStore>("biometric attempts", s => s is InMemoryBiometricAttemptStore, singleInstance);
        bool kcmrShared = Check<IKcmrSessionStore>("KCMR sessions", s => s is InMemoryKcmrSessionStore, singleInstance);
        Check<IChallengeStore>("challenges", s => s is InMemoryChallengeStore, singleInstance);
        Check<IPhoneConsentStore>("phone consents", s => s is InMemoryPhoneConsentStore, singleInstance);
        Check<IEGovMobileSessionStore>("eGov mobile signing sessions", s => s is InMemoryEGovMobileSessionStore, singleInstance);

        if ((otpShared || rtpSessionsShared) && _services.GetService<IOptions<RealTimePhotoOptions>>()?.Value.SecretKey is not { Length: >= 32 })
        {
            errors.Add("A shared OTP or real-time photo session store needs RealTimePhotoOptions.SecretKey (32+ bytes, the same on every instance); a per-process random key would make codes and rate limits differ between instances.");
        }

        if ((attemptsShared || kcmrShared) && string.IsNullOrEmpty(_services.GetService<IOptions<KcmrBiometricsOptions>>()?.Value.SubjectKeySecret))
        {
            errors.Add("A shared biometric attempt or KCMR session store needs KcmrBiometricsOptions.SubjectKeySecret (the same on every instance); a per-process random key would give each instance its own attempt counter.");
        }

        IHostEnvironment? environment = _services.GetService<IHostEnvironment>();
        if (singleInstance.Count > 0 && environment is not null && environment.IsProduction())
        {
            string stores = string.Join(", ", singleInstance);
            if (options.FailOnSingleInstanceStoresInProduction)
            {
                errors.Add("Single-instance (in-process) state stores in Production: " + stores + ". Register a shared store (AddRedisState) or clear StateStoreOptions.FailOnSingleInstanceStoresInProduction.");
            }
            else
            {
                ILogger logger = _services.GetService<ILoggerFactory>()?.CreateLogger("Kz.MicroCredit.Identity.State") ?? NullLogger.Instance;
                StateLog.SingleInstanceStoresInProduction(logger, stores);
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Resolves a store if registered; adds it to the single-instance list when in-process; true when shared.</summary>
    private bool Check<TStore>(string label, Func<TStore, bool> isInProcess, List<string> singleInstance)
        where TStore : class
    {
        TStore? store = _services.GetService<TStore>();
        if (store is null)
        {
            return false;
        }

        if (isInProcess(store))
        {
            singleInstance.Add(label);
            return false;
        }

        return true;
    }
}

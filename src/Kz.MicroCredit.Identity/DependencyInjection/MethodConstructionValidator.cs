using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity;

/// <summary>
/// Constructs every registered method at start-up, so that a method that cannot be built fails the start instead of
/// the first request. A method a policy uses must construct; one no policy uses is only logged, because
/// identification never builds it.
/// </summary>
internal sealed class MethodConstructionValidator(IServiceProvider services, ILogger<MethodConstructionValidator>? logger = null) : IValidateOptions<BorrowerIdentificationOptions>
{
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    public ValidateOptionsResult Validate(string? name, BorrowerIdentificationOptions options)
    {
        HashSet<IdentificationMethodId> used = IdentificationMethodRegistration.UsedByPolicies(options);
        var failures = new List<string>();
        foreach (IdentificationMethodRegistration registration in IdentificationMethodRegistration.Effective(services.GetServices<IdentificationMethodRegistration>()))
        {
            try
            {
                _ = registration.Factory(services);
            }
            catch (OptionsValidationException)
            {
                // The method's options are invalid: their own start-up validation reports it, naming each key.
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                if (used.Contains(registration.Id))
                {
                    failures.Add($"Method '{registration.Id}' cannot be constructed: {ex.Message}");
                }
                else
                {
                    StartupLog.UnusedMethodBroken(_logger, registration.Id.ToString(), ex.GetType().Name);
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

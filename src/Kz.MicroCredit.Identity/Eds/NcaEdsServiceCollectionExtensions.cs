using Kz.MicroCredit.Identity.Eds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity;

/// <summary>Registers the <c>nca-eds</c> method.</summary>
public static class NcaEdsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the NCA EDS method. Unless another <see cref="ICertificateRevocationChecker"/> is registered (see the revocation
    /// package), <see cref="NoRevocationChecker"/> is used, which with the default hard-fail mode makes every signature
    /// Indeterminate: register a checker or set <see cref="NcaEdsOptions.Revocation"/> to <see cref="NcaEdsRevocationMode.Off"/> explicitly.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The builder.</returns>
    public static BorrowerIdentificationBuilder AddNcaEds(this BorrowerIdentificationBuilder builder, Action<NcaEdsOptions> configure) =>
        MethodServiceRegistration.Add<NcaEdsOptions, NcaEdsOptionsValidator>(builder, configure, AddServices);

    /// <summary>Adds the NCA EDS method configured from a section (keys as in <see cref="NcaEdsOptions"/>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>The builder.</returns>
    public static BorrowerIdentificationBuilder AddNcaEds(this BorrowerIdentificationBuilder builder, IConfigurationSection section) =>
        MethodServiceRegistration.Add<NcaEdsOptions, NcaEdsOptionsValidator>(builder, section, AddServices);

    private static void AddServices(BorrowerIdentificationBuilder builder)
    {
        builder.Services.TryAddSingleton<ICertificateRevocationChecker>(NoRevocationChecker.Instance);
        MethodServiceRegistration.AddMethod(builder, IdentificationMethodId.NcaEds, sp => new NcaEdsMethod(
            sp.GetRequiredService<IOptions<NcaEdsOptions>>(),
            sp.GetRequiredService<IBorrowerChallengeService>(),
            sp.GetRequiredService<ICertificateRevocationChecker>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<Microsoft.Extensions.Logging.ILogger<NcaEdsMethod>>()));
    }
}

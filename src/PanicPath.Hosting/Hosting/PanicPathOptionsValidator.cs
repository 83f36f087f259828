using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using PanicPath.Panics;

namespace PanicPath.Hosting;

/// <summary>
/// Checks <see cref="PanicPathOptions"/> when the host starts and fails with every error at once: each key
/// of the configuration section that could not be bound (<see cref="PanicPathConfiguration"/>), then each
/// value out of range (<see cref="PanicOptions.Problems"/>), one line each, named by its configuration path
/// (<c>PanicPath:Deadline: must be positive and at most one hour (was 00:00:00).</c>). Without a section the
/// path is <c>PanicPath:</c>, the section the documentation uses.
/// </summary>
internal sealed class PanicPathOptionsValidator(IConfiguration? section) : IValidateOptions<PanicPathOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PanicPathOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (section is not null)
        {
            // A throwaway instance: the errors are those of the section alone, whatever code set afterwards.
            errors.AddRange(PanicPathConfiguration.Bind(section, new PanicPathOptions()));
        }

        var prefix = section switch
        {
            null => "PanicPath:",
            IConfigurationSection { Path: var path } => path + ":",
            _ => string.Empty,
        };
        foreach (var problem in options.Problems())
        {
            errors.Add($"{prefix}{problem.Field}: {problem.Problem}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

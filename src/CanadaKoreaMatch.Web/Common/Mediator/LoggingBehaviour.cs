using System.Diagnostics;
using CanadaKoreaMatch.Web.Common.Security;
using MediatR;

namespace CanadaKoreaMatch.Web.Common.Mediator;

internal sealed class LoggingBehaviour<TRequest, TResponse>(ILogger<LoggingBehaviour<TRequest, TResponse>> logger, ICurrentUser user)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            logger.LogInformation("{Request} by {User} handled in {Elapsed:0.0} ms",
                typeof(TRequest).Name, user.UserId ?? "anonymous", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception exception)
        {
            logger.LogInformation("{Request} by {User} failed after {Elapsed:0.0} ms: {Error}",
                typeof(TRequest).Name, user.UserId ?? "anonymous", Stopwatch.GetElapsedTime(started).TotalMilliseconds, exception.GetType().Name);
            throw;
        }
    }
}

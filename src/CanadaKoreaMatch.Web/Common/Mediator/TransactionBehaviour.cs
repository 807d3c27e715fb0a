using CanadaKoreaMatch.Web.Data;
using MediatR;

namespace CanadaKoreaMatch.Web.Common.Mediator;

internal sealed class TransactionBehaviour<TRequest, TResponse>(AppDbContext db, AfterCommit afterCommit) : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly bool IsCommand = typeof(TRequest).GetInterfaces()
        .Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>));

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (!IsCommand || db.Database.CurrentTransaction is not null)
        {
            return await next();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var response = await next();
        await transaction.CommitAsync(cancellationToken);
        afterCommit.Run();
        return response;
    }
}

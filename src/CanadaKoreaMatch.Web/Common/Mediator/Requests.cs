using MediatR;

namespace CanadaKoreaMatch.Web.Common.Mediator;

/// <summary>A request that changes state; it runs inside a database transaction.</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>;

public interface IQuery<out TResponse> : IRequest<TResponse>;

/// <summary>Only signed-in users in one of the roles (any signed-in user when none are given) may send it.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class AuthorizeAttribute(params string[] roles) : Attribute
{
    public IReadOnlyList<string> Roles { get; } = roles;
}

/// <summary>The request reads one firm: it must be visible to the caller.</summary>
public interface IViewsCompany
{
    Guid CompanyId { get; }
}

/// <summary>The request changes one firm: the caller must be one of its representatives or an administrator.</summary>
public interface IEditsCompany
{
    Guid CompanyId { get; }
}

/// <summary>The request reads a firm's private data (its suggestions, its matches): own representatives, officials and administrators.</summary>
public interface IReadsCompanyPrivate
{
    Guid CompanyId { get; }
}

/// <summary>The request reads one match: officials, administrators and the representatives of its two firms.</summary>
public interface IViewsMatch
{
    Guid MatchId { get; }
}

/// <summary>The request reads one forum: drafts only for their organisers, officials and administrators.</summary>
public interface IViewsForum
{
    Guid ForumId { get; }
}

/// <summary>The request runs one forum: its organisers and administrators only.</summary>
public interface IOrganisesForum
{
    Guid ForumId { get; }
}

/// <summary>The request reads a firm's private part of a forum (its requests, its agenda): its representatives, the forum's organisers, officials and administrators.</summary>
public interface IReadsForumFirm
{
    Guid ForumId { get; }

    Guid CompanyId { get; }
}

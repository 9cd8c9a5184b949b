// The in-memory core of a text chat server for the "Design a chat server"
// exercise: users, friend requests, one-to-one chats between friends, group
// rooms joined by invitation, and each chat's message history. Requests that
// break a rule (posting to a room you are not in, inviting a stranger) throw
// ChatError with a reason the client can show, and change nothing.
#pragma once

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace sds::ood::chat {

using UserId = int;
using ChatId = int;

struct User {
    UserId id = 0;
    std::string name;
    std::set<UserId> friends;
    std::set<UserId> pendingFrom; // who asked to be this user's friend
};

struct Message {
    long long seq = 0; // server-wide order; a real server would add a clock time
    UserId author = 0;
    std::string text;
};

enum class ChatKind { Private, Group };

struct Chat {
    ChatId id = 0;
    ChatKind kind = ChatKind::Group;
    std::string name;
    std::set<UserId> members;
    std::vector<Message> messages;
};

class ChatError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

class ChatServer
{
public:
    UserId addUser(std::string name)
    {
        const UserId id = m_nextUser++;
        m_users.emplace(id, User{id, std::move(name), {}, {}});
        return id;
    }

    // Chats keep the user's old messages (others still read them) but drop
    // the user from every member list and friend list.
    void removeUser(UserId id)
    {
        user(id); // throws for an unknown id
        for (auto &entry : m_users) {
            entry.second.friends.erase(id);
            entry.second.pendingFrom.erase(id);
        }
        for (auto &entry : m_chats)
            entry.second.members.erase(id);
        m_users.erase(id);
    }

    void requestFriend(UserId from, UserId to)
    {
        if (from == to)
            throw ChatError("you cannot befriend yourself");
        User &sender = mutableUser(from);
        User &target = mutableUser(to);
        if (sender.friends.contains(to))
            throw ChatError(target.name + " is already a friend");
        // Two people asking each other have both said yes.
        if (sender.pendingFrom.erase(to)) {
            befriend(sender, target);
            return;
        }
        target.pendingFrom.insert(from);
    }

    void answerRequest(UserId to, UserId from, bool accept)
    {
        User &target = mutableUser(to);
        User &sender = mutableUser(from);
        if (!target.pendingFrom.contains(from))
            throw ChatError("there is no friend request to answer");
        target.pendingFrom.erase(from);
        if (accept)
            befriend(target, sender);
    }

    bool areFriends(UserId a, UserId b) const { return user(a).friends.contains(b); }

    // One private chat per pair of friends: asking again returns the same one,
    // so the history stays in one place.
    ChatId privateChat(UserId a, UserId b)
    {
        if (!areFriends(a, b))
            throw ChatError("private chats are only between friends");
        const std::pair<UserId, UserId> key = std::minmax(a, b);
        if (const auto it = m_privateChats.find(key); it != m_privateChats.end())
            return it->second;
        const ChatId id = newChat(ChatKind::Private, {}, {a, b});
        m_privateChats.emplace(key, id);
        return id;
    }

    ChatId createGroup(UserId owner, std::string name)
    {
        user(owner); // throws for an unknown id
        return newChat(ChatKind::Group, std::move(name), {owner});
    }

    // Members bring in their friends; that is the only way into a group.
    void invite(ChatId id, UserId inviter, UserId invitee)
    {
        Chat &c = mutableChat(id);
        if (c.kind != ChatKind::Group)
            throw ChatError("only group chats take invitations");
        requireMember(c, inviter);
        if (!areFriends(inviter, invitee))
            throw ChatError("you can only invite your friends");
        c.members.insert(invitee);
    }

    void leave(ChatId id, UserId member)
    {
        Chat &c = mutableChat(id);
        requireMember(c, member);
        c.members.erase(member);
    }

    long long post(ChatId id, UserId author, std::string text)
    {
        Chat &c = mutableChat(id);
        requireMember(c, author);
        if (text.empty())
            throw ChatError("a message needs some text");
        c.messages.push_back(Message{++m_lastSeq, author, std::move(text)});
        return m_lastSeq;
    }

    const Chat &chat(ChatId id) const
    {
        const auto it = m_chats.find(id);
        if (it == m_chats.end())
            throw ChatError("no chat " + std::to_string(id));
        return it->second;
    }

    const User &user(UserId id) const
    {
        const auto it = m_users.find(id);
        if (it == m_users.end())
            throw ChatError("no user " + std::to_string(id));
        return it->second;
    }

    std::vector<ChatId> chatsOf(UserId id) const
    {
        user(id); // throws for an unknown id
        std::vector<ChatId> out;
        for (const auto &[chatId, c] : m_chats) {
            if (c.members.contains(id))
                out.push_back(chatId);
        }
        return out;
    }

private:
    // The const lookups do the checking; these only drop the const.
    User &mutableUser(UserId id) { return const_cast<User &>(user(id)); }
    Chat &mutableChat(ChatId id) { return const_cast<Chat &>(chat(id)); }

    static void requireMember(const Chat &c, UserId id)
    {
        if (!c.members.contains(id))
            throw ChatError("you are not a member of this chat");
    }

    static void befriend(User &a, User &b)
    {
        a.friends.insert(b.id);
        b.friends.insert(a.id);
    }

    ChatId newChat(ChatKind kind, std::string name, std::set<UserId> members)
    {
        const ChatId id = m_nextChat++;
        m_chats.emplace(id, Chat{id, kind, std::move(name), std::move(members), {}});
        return id;
    }

    std::map<UserId, User> m_users;
    std::map<ChatId, Chat> m_chats;
    std::map<std::pair<UserId, UserId>, ChatId> m_privateChats;
    UserId m_nextUser = 1;
    ChatId m_nextChat = 1;
    long long m_lastSeq = 0;
};

} // namespace sds::ood::chat

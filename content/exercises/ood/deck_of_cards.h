// A general deck of playing cards, then blackjack built on top of it, for the
// "Design a deck of cards" exercise. The deck knows nothing about any game;
// what a card is worth belongs to the game, so the blackjack rules live in
// BlackjackHand.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <random>
#include <stdexcept>
#include <vector>

namespace sds::ood::cards {

enum class Suit { Clubs, Diamonds, Hearts, Spades };

// Ranks run from 1 (ace) to 13 (king); jack, queen and king are 11 to 13.
class Card
{
public:
    Card(int rank, Suit suit)
        : m_rank(rank)
        , m_suit(suit)
    {
        if (rank < 1 || rank > 13)
            throw std::invalid_argument("card rank must be between 1 (ace) and 13 (king)");
    }

    int rank() const { return m_rank; }
    Suit suit() const { return m_suit; }
    bool isAce() const { return m_rank == 1; }
    bool isFace() const { return m_rank > 10; }
    bool operator==(const Card &) const = default;

private:
    int m_rank;
    Suit m_suit;
};

class Deck
{
public:
    // The usual 52: every rank in every suit.
    static Deck standard()
    {
        Deck deck;
        for (Suit s : {Suit::Clubs, Suit::Diamonds, Suit::Hearts, Suit::Spades}) {
            for (int rank = 1; rank <= 13; ++rank)
                deck.m_cards.emplace_back(rank, s);
        }
        return deck;
    }

    // Takes the generator from the caller, so a game (or a test) can seed it
    // and replay the same order.
    template <std::uniform_random_bit_generator Rng> void shuffle(Rng &rng)
    {
        m_next = 0; // gathering the cards back in starts a fresh round
        std::ranges::shuffle(m_cards, rng);
    }

    // Dealing moves an index instead of erasing, so it is O(1) and the
    // dealt cards are still there for the next shuffle.
    std::optional<Card> deal()
    {
        if (m_next == m_cards.size())
            return std::nullopt;
        return m_cards[m_next++];
    }

    std::size_t remaining() const { return m_cards.size() - m_next; }
    std::size_t size() const { return m_cards.size(); }

private:
    std::vector<Card> m_cards;
    std::size_t m_next = 0;
};

// The cards one player holds, for any game.
class Hand
{
public:
    void add(const Card &card) { m_cards.push_back(card); }
    const std::vector<Card> &cards() const { return m_cards; }

protected:
    std::vector<Card> m_cards;
};

class BlackjackHand : public Hand
{
public:
    static constexpr int kBlackjack = 21;

    // Face cards are worth 10 and an ace 1 or 11. Two aces at 11 would make
    // 22, so at most one ace can ever count high: take the hard total (every
    // ace at 1) and add 10 when that does not go bust.
    int score() const { return isSoft() ? hardScore() + 10 : hardScore(); }

    // Soft: an ace is counting as 11, so one more card cannot bust the hand.
    bool isSoft() const
    {
        const bool anyAce = std::ranges::any_of(m_cards, &Card::isAce);
        return anyAce && hardScore() + 10 <= kBlackjack;
    }

    bool isBust() const { return score() > kBlackjack; }
    // A natural: 21 with the first two cards.
    bool isBlackjack() const { return m_cards.size() == 2 && score() == kBlackjack; }

private:
    int hardScore() const
    {
        int total = 0;
        for (const Card &c : m_cards)
            total += c.isFace() ? 10 : c.rank();
        return total;
    }
};

} // namespace sds::ood::cards

"""Who is acting and what they may do: logins, tokens, passwords, guests, partners, access rules,
attempt limits and looking people up."""

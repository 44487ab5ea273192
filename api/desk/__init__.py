"""The desk's housekeeping: spam, blocked senders, deletion, split, signatures, away."""

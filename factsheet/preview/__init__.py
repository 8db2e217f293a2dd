"""`factsheet preview`: a local web page that shows the handout as it prints and every verdict of the misquote
gate, rebuilt whenever the campaign's files change."""

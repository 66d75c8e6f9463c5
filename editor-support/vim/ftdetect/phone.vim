" .phone files: the phone-description language of phonec.
autocmd BufNewFile,BufRead *.phone setfiletype phone

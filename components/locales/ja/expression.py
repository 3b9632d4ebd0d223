"""日本語: 自作の x の関数を受け付けなかった理由（``expression.<key>``）。

値（{name} など）は関数名・数・記号で、どの言語でもそのまま入ります。
"""

TEXT: dict[str, str] = {
    # 何も書かれていない
    "expression.empty": "x の関数を入力してください（例: x * sigmoid(x)）",
    "expression.unreadable": "この式は読み取れませんでした",
    # 上限
    "expression.too_long": "式が {length} 文字あります。{max} 文字までにしてください",
    "expression.too_many_nodes": "式が長すぎます。数・名前・演算は合わせて {max} 個までです",
    "expression.too_deep": "かっこや関数の入れ子が深すぎます（{max} 段まで）",
    "expression.too_slow": "この式はグラフにするのに時間がかかりすぎます。もっと短くしてください",
    "expression.too_slow_calls": (
        "この式はグラフにするのに時間がかかりすぎます。"
        "{name} のような重い関数を呼ぶ回数を減らしてください"
    ),
    "expression.number_too_large": "{number} は大きすぎます。数は {max}（1e6）までです",
    # 文字
    "expression.one_line": "式は 1 行で書いてください",
    "expression.control_character": "制御文字 U+{code} は使えません",
    "expression.quotes": "引用符（' や \"）で囲んだ文字列は使えません",
    "expression.backslash": "バックスラッシュ（\\）は使えません",
    "expression.comment": "コメント（#）は使えません",
    "expression.use_ascii": "半角で書いてください。{char} ではなく {plain} と書きます",
    "expression.wide_space": "全角スペースは使えません。半角スペースにしてください",
    "expression.character": "{char}（U+{code}）という文字は使えません",
    "expression.complex": "複素数（1j など）は使えません",
    "expression.not_decimal": "数は 10 進数で書いてください。16 進数・8 進数・2 進数は使えません",
    "expression.number_then_name": (
        "数と名前の間には * が必要です。{number}{word} ではなく {number}*{word} と書いてください"
    ),
    # 文法
    "expression.never_closed": "この '(' が閉じていません。')' を足してください",
    "expression.unmatched": "この ')' に対応する '(' がありません",
    "expression.semicolon": "書ける式は 1 つだけです。';' は使えません",
    "expression.assignment": (
        "「... =」は書かずに、右辺だけを入力してください（例: x * sigmoid(x)）"
    ),
    "expression.ends_early": "式が途中で終わっています。何かが足りません",
    "expression.missing_operator": (
        "ここに何かが足りません。2 つの項の間に * などの演算子が要りませんか？"
    ),
    "expression.unexpected": "ここに {char} は置けません",
    "expression.syntax_error": "式の書き方が正しくありません（{detail}）",
    # 使えない書き方
    "expression.not_allowed": "{what} は使えません",
    "expression.boolean": "{value} は使えません。1 か 0 を書いてください",
    "expression.attribute": "属性アクセス（.）は使えません",
    "expression.indexing": "[ ] で要素を取り出すことはできません",
    "expression.comprehension": "内包表記（for ... in ...）は使えません",
    "expression.comparison": "比較（<, >, == など）は使えません",
    "expression.and_or": "'and' や 'or' は使えません",
    "expression.conditional": "条件式（... if ... else ...）は使えません",
    "expression.walrus": "代入（:=）は使えません",
    "expression.square_brackets": "角かっこ [ ] は使えません。まとめるときは ( ) を使ってください",
    "expression.braces": "波かっこ {braces} は使えません。まとめるときは ( ) を使ってください",
    "expression.f_string": "f 文字列は使えません",
    "expression.starred_expression": "* を付けた展開は使えません",
    "expression.slice": "スライス（:）は使えません",
    "expression.empty_parentheses": "中身のないかっこ ( ) は使えません",
    "expression.commas": "カンマは使えません。式は 1 つだけ入力してください",
    # 演算子
    "expression.bitwise_not": "~（ビット反転）は使えません",
    "expression.floor_division": "//（切り捨ての割り算）は使えません",
    "expression.remainder": "%（割り算の余り）は使えません",
    "expression.matrix_product": "@（行列の積）は使えません",
    "expression.caret_power": "^ はべき乗ではありません。x の 2 乗は x**2 と書きます",
    "expression.bitwise_and": "&（ビットごとの AND）は使えません",
    "expression.bitwise_or": "|（ビットごとの OR）は使えません",
    "expression.bit_shift": "{symbol}（ビットシフト）は使えません",
    "expression.operator": "演算子 {operator} は使えません",
    # 名前
    "expression.function_as_name": "{name} は関数です。{name}(x) のように書いてください",
    "expression.unknown_name": "{name} という名前は使えません。使える変数は x だけです",
    "expression.unknown_name_suggestion": (
        "{name} という名前は使えません。{suggestion} のことですか？"
    ),
    "expression.unknown_name_log": "{name} という名前は使えません。自然対数は log(x) と書きます",
    "expression.unknown_name_relu": (
        "{name} という名前は使えません。max(0, x) は relu(x) と書けます"
    ),
    "expression.unknown_name_power": (
        "{name} という名前は使えません。べき乗は x**2 のように書きます"
    ),
    "expression.unknown_function": "{name} という関数はありません。使える関数: {functions}",
    "expression.unknown_function_suggestion": (
        "{name} という関数はありません。{suggestion} のことですか？"
    ),
    "expression.unknown_function_log": (
        "{name} という関数はありません。自然対数は log(x) と書きます"
    ),
    "expression.unknown_function_relu": (
        "{name} という関数はありません。max(0, x) は relu(x) と書けます"
    ),
    "expression.unknown_function_power": (
        "{name} という関数はありません。べき乗は x**2 のように書きます"
    ),
    # 関数の呼び出し
    "expression.attribute_call": "属性アクセス（.）は使えません。{name}(x) と書いてください",
    "expression.call_not_name": "( ) を付けて呼び出せるのは関数名だけです（例: exp(x)）",
    "expression.variable_call": "x は変数で、関数ではありません。掛け算は x * (...) と書きます",
    "expression.constant_call": (
        "{name} は数で、関数ではありません。掛け算は {name} * (...) と書きます"
    ),
    "expression.starred_argument": "引数に {stars} を付けることはできません",
    "expression.keyword_argument": "引数に名前は付けられません。{name}(x) と書いてください",
    "expression.no_argument": "{name} には引数が 1 つ必要です: {name}(x)",
    "expression.extra_argument": "関数の引数は 1 つだけです: {name}(x)",
}

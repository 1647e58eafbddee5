// A design for the real-program benchmark (Benchmarks/programs.py): yosys synthesizes it.
module alu #(parameter W = 32) (
    input clk, input [3:0] op, input [W-1:0] a, input [W-1:0] b,
    output reg [W-1:0] y, output reg zero
);
    wire [2*W-1:0] prod = a * b;
    always @(posedge clk) begin
        case (op)
            4'd0: y <= a + b;
            4'd1: y <= a - b;
            4'd2: y <= prod[W-1:0];
            4'd3: y <= prod[2*W-1:W];
            4'd4: y <= a & b;
            4'd5: y <= a | b;
            4'd6: y <= a ^ b;
            4'd7: y <= a << b[4:0];
            4'd8: y <= a >> b[4:0];
            4'd9: y <= $signed(a) >>> b[4:0];
            4'd10: y <= ($signed(a) < $signed(b)) ? 1 : 0;
            4'd11: y <= (a < b) ? 1 : 0;
            4'd12: y <= {a[15:0], b[15:0]};
            default: y <= ~a;
        endcase
        zero <= (y == 0);
    end
endmodule
